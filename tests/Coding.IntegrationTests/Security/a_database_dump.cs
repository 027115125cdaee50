using System.Diagnostics;
using System.Text;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.IntegrationTests.BadInput;
using Coding.IntegrationTests.Infrastructure;
using Npgsql;

namespace Coding.IntegrationTests.Security;

/// <summary>What someone holding a pg_dump of the database (a backup, a stolen disk) can read of the notes: nothing.</summary>
public sealed class a_database_dump(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const string PgDump = "/usr/lib/postgresql/15/bin/pg_dump";

    [Fact]
    public async Task holds_the_encounters_but_not_a_sentence_of_their_notes()
    {
        var notes = new[] { "Patient Wilhelmina Quarterfield reports crushing chest pain radiating to the left arm.", Corpus.PromptInjection, Corpus.AcceptedHostileNotes["SQL"] };
        var stored = await harness.IngestAsync(notes.Select((n, i) => new ValidEncounter($"DUMP-{i}", CareSetting.Emergency, new DateOnly(2026, 3, 2), 61, PatientSex.Female, n)));

        // As a backup is taken: by the schema owner.
        var dump = await DumpAsync(harness.Environment.OwnerConnectionString);
        // pg_dump writes bytea as hex (\x6368…): a plaintext note in a bytea column would never match as text.
        var bytea = DecodeBytea(dump);

        // The dump is real and complete: it has the encounters' rows and the notes' bytes (so a miss below is not an
        // empty file or undecoded hex).
        Assert.All(stored, s => Assert.Contains(s.ExternalId, dump, StringComparison.Ordinal));
        Assert.Contains("COPY public.notes", dump, StringComparison.Ordinal);
        Assert.True(bytea.Length >= notes.Sum(n => n.Length), $"only {bytea.Length} characters of bytea decoded");
        foreach (var sentence in notes.SelectMany(n => n.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Where(s => s.Length > 12))
        {
            Assert.DoesNotContain(sentence, dump, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(sentence, bytea, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("Quarterfield", dump + bytea, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every bytea value of the dump (COPY text format: \\x followed by hex digits), decoded and read as UTF-8 (Latin-1 as well).</summary>
    private static string DecodeBytea(string dump)
    {
        var decoded = new StringBuilder();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(dump, @"\\\\x((?:[0-9a-f]{2})+)"))
        {
            var bytes = Convert.FromHexString(m.Groups[1].Value);
            decoded.Append(Encoding.UTF8.GetString(bytes)).Append('\n').Append(Encoding.Latin1.GetString(bytes)).Append('\n');
        }
        return decoded.ToString();
    }

    private static async Task<string> DumpAsync(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(File.Exists(PgDump) ? PgDump : "pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", c.Host!, "-p", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database!, "--no-owner" })
            info.ArgumentList.Add(arg);
        info.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump exited {process.ExitCode}: {await error}");
        return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(await output));
    }
}
