using System.Text.Json;
using Coding.IntegrationTests.BadInput;
using Coding.IntegrationTests.Infrastructure;

namespace Coding.IntegrationTests.Security;

[CollectionDefinition(the_logs_of_the_test_run.Collection)]
public sealed class LogScanCollection;

/// <summary>
/// Runs last (see <see cref="LastCollectionOrderer"/>): every log this run wrote — worker processes' stdout/stderr,
/// in-process hosts, the unit-test run's output — scanned for the sentences of the notes the tests stored.
/// </summary>
[Collection(the_logs_of_the_test_run.Collection)]
public sealed class the_logs_of_the_test_run
{
    public const string Collection = "log scan (runs last)";

    [Fact]
    public void the_scanner_finds_a_note_sentence_planted_in_a_log()
    {
        var dir = Directory.CreateTempSubdirectory("coding-logscan-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "worker.log"), "info: Encounter 42: Coded\nwarn: " + NoteSentences()[3] + "\n");
            var hits = Scan([dir.FullName], NoteSentences());
            Assert.Contains(hits, h => h.Sentence == NoteSentences()[3]);
            Assert.All(hits, h => Assert.Equal("worker.log", Path.GetFileName(h.File)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void contain_no_sentence_of_any_test_note()
    {
        var roots = new[] { TestWorkers.LogDirectory, Path.Combine(TestWorkers.RepoRoot, "artifacts", "test", "Coding.UnitTests.log") };
        // Not vacuous: the in-process hosts of this run have written their log by now.
        Assert.True(File.Exists(FileLoggerProvider.Path) && new FileInfo(FileLoggerProvider.Path).Length > 0, $"{FileLoggerProvider.Path} is missing or empty");

        var hits = Scan(roots, NoteSentences());

        Assert.True(hits.Count == 0, "note text in logs: " + string.Join("; ", hits.Take(5).Select(h => $"{Path.GetFileName(h.File)}: \"{h.Sentence[..Math.Min(20, h.Sentence.Length)]}…\"")));
    }

    /// <summary>
    /// Sentences (over 20 characters, so not a lone diagnosis that is also a code title) of every note the tests store.
    /// Split on periods and lines only: the SQL-laden note split on semicolons yields "DELETE FROM audit_entries", which
    /// the audit-trail test rightly logs as its own refused command.
    /// </summary>
    private static List<string> NoteSentences()
    {
        var notes = new List<string> { Corpus.PromptInjection, Corpus.GoodNote, SampleEncounters.Make(1).Single().Note, "Patient Wilhelmina Quarterfield reports crushing chest pain radiating to the left arm." };
        notes.AddRange(Corpus.AcceptedHostileNotes.Values);
        foreach (var line in File.ReadLines(Path.Combine(TestWorkers.RepoRoot, "eval", "samples", "encounters.jsonl")).Where(l => l.Length > 0))
            notes.Add(JsonDocument.Parse(line).RootElement.GetProperty("note").GetString()!);
        return notes
            .SelectMany(n => n.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Length > 20)
            .Distinct()
            .ToList();
    }

    private static List<(string File, string Sentence)> Scan(IEnumerable<string> roots, List<string> sentences)
    {
        var files = roots.SelectMany(r => Directory.Exists(r) ? Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories) : File.Exists(r) ? [r] : []);
        var hits = new List<(string, string)>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            hits.AddRange(sentences.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => (file, s)));
        }
        return hits;
    }
}
