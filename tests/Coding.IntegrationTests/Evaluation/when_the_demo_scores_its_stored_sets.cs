using System.Text.Json;
using Coding.Cli.Commands;
using Coding.Core.Data;
using Coding.Core.Ingest;
using Coding.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Evaluation;

/// <summary>
/// The demo report over the stored sets of <see cref="FinalizedEncounters"/>, scored against a tiny gold file:
/// LEARN-1 inpatient {I10 principal, R50.9, J18.9}: the engine stored R50.9 (modified since), I10 (principal since
/// finalizing), E11.9 (rejected since); the coder's R50.2 and J18.9 are not the engine's and do not count: TP 2, FP 1, FN 1.
/// LEARN-2 outpatient {I10 first-listed}: stored I10, first-listed: TP 1. LEARN-3 outpatient {E11.9 first-listed}: stored
/// I10, not finalized so nothing leads: FP 1, FN 1, lead wrong. OTHER-1 is not in the run.
/// Micro TP 3, FP 2, FN 2: P = R = F1 = 0.6; lead 2 of 3.
/// </summary>
public sealed class when_the_demo_scores_its_stored_sets(FinalizedEncounters site) : IClassFixture<FinalizedEncounters>
{
    private static readonly string[] GoldLines =
    [
        Line("LEARN-1", "inpatient", ("I10", "principal"), ("R50.9", "secondary"), ("J18.9", "secondary")),
        Line("LEARN-2", "outpatient", ("I10", "first-listed")),
        Line("LEARN-3", "outpatient", ("E11.9", "first-listed")),
        Line("OTHER-1", "outpatient", ("R51.9", "first-listed")),
    ];

    [Fact]
    public async Task the_report_prints_and_writes_precision_recall_and_the_lead_against_the_gold_in_codes_only()
    {
        using var dir = new TempDir();
        var gold = new FileInfo(Path.Combine(dir.Path, "gold.jsonl"));
        await File.WriteAllLinesAsync(gold.FullName, GoldLines);

        var report = await BuildAsync(gold);
        await report.WriteAsync(new DirectoryInfo(dir.Path), default);

        var summary = report.Summary();
        Assert.Contains("micro P / R / F1      0.600 / 0.600 / 0.600  (full code, TP 3 FP 2 FN 2)", summary, StringComparison.Ordinal);
        Assert.Contains("lead correct          2/3 (0.667)", summary, StringComparison.Ordinal);
        Assert.Contains("gold notes not in this run 1", summary, StringComparison.Ordinal);
        Assert.Contains("policy claims × 3", summary, StringComparison.Ordinal);
        Assert.Contains("LEARN-1  2  1  1  missed J18.9  extra E11.9", summary, StringComparison.Ordinal);
        Assert.Contains("LEARN-3  0  1  1  lead none (gold E11.9)  missed E11.9  extra I10", summary, StringComparison.Ordinal);

        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "report.json"))).RootElement;
        var score = json.GetProperty("Gold").GetProperty("Score");
        var full = score.GetProperty("All").GetProperty("Full");
        Assert.Equal((3, 2, 2), (full.GetProperty("TruePositives").GetInt32(), full.GetProperty("FalsePositives").GetInt32(),
            full.GetProperty("FalseNegatives").GetInt32()));
        Assert.Equal(0.6, full.GetProperty("F1").GetDouble(), 1e-12);
        Assert.Equal(["outpatient", "inpatient"],
            score.GetProperty("Settings").EnumerateArray().Select(s => s.GetProperty("Setting").GetString()));

        var markdown = await File.ReadAllTextAsync(Path.Combine(dir.Path, "report.md"));
        Assert.Contains("LEARN-1  2  1  1  missed J18.9  extra E11.9", markdown, StringComparison.Ordinal);
        foreach (var text in new[] { markdown, json.GetRawText() })
        {
            foreach (var sentence in FinalizedEncounters.Note.Split(['.', '\n'], StringSplitOptions.TrimEntries).Where(s => s.Length > 10))
                Assert.DoesNotContain(sentence, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task without_the_gold_file_the_report_says_scoring_was_skipped()
    {
        using var dir = new TempDir();

        var report = await BuildAsync(new FileInfo(Path.Combine(dir.Path, "absent.jsonl")));

        Assert.Contains("absent.jsonl", report.Summary(), StringComparison.Ordinal);
        Assert.Contains("scoring skipped: file not found", report.Summary(), StringComparison.Ordinal);
        Assert.Null(report.Gold.Score);
    }

    private Task<DemoReport> BuildAsync(FileInfo gold) => site.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<CodingDbContext>();
        var ids = site.Encounters.Values.ToList();
        var ingest = new FileIngestReport(
            site.Encounters.Select(e => new IngestResult(e.Key, e.Value, IngestOutcome.Duplicate)).ToList(), []);
        var snapshot = await PipelineSnapshot.ReadAsync(db, ids, default);
        return await DemoReport.BuildAsync(db, ids, ingest, snapshot, TimeSpan.FromSeconds(1), gold, default);
    });

    /// <summary>A gold line whose note is the fixture's note (the report must not repeat it).</summary>
    private static string Line(string id, string setting, params (string Code, string Role)[] codes) =>
        JsonSerializer.Serialize(new
        {
            externalId = id, setting, note = FinalizedEncounters.Note,
            codes = codes.Select(c => new { system = "ICD-10-CM", code = c.Code, role = c.Role }),
        });

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("coding-demo-gold-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
