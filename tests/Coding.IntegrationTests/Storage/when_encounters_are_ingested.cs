using System.Text;
using Coding.Contracts;
using Coding.Core.Audit;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.Core.Notes;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Coding.IntegrationTests.Storage;

public sealed class when_encounters_are_ingested(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const string Sentence = "Patient reports crushing substernal chest pain radiating to the left arm.";

    [Fact]
    public async Task the_note_is_stored_encrypted_and_reads_back_exactly()
    {
        var note = $"HPI: {Sentence}\nAssessment: unstable angina. Ünïcödé ✓ survives.";
        var stored = (await harness.IngestAsync([Encounter("ENC-SECRET", note)])).Single();

        await using var connection = new NpgsqlConnection(harness.Environment.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT ciphertext FROM notes WHERE encounter_id = @id", connection);
        cmd.Parameters.AddWithValue("id", stored.EncounterId);
        var raw = (byte[])(await cmd.ExecuteScalarAsync())!;
        Assert.DoesNotContain("substernal", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        Assert.DoesNotContain("substernal", Encoding.Latin1.GetString(raw), StringComparison.Ordinal);

        var row = await harness.QueryAsync(db => db.Notes.SingleAsync(n => n.EncounterId == stored.EncounterId));
        Assert.Equal(note, harness.Services.GetRequiredService<NoteProtector>().Unprotect(row));
        Assert.Equal(note.Length, row.Length);
    }

    [Fact]
    public async Task an_external_id_in_another_case_is_the_same_encounter()
    {
        var first = (await harness.IngestAsync([Encounter("SEC-DUP-1", Sentence)])).Single();
        var lower = (await harness.IngestAsync([Encounter("sec-dup-1", Sentence)])).Single();
        var other = (await harness.IngestAsync([Encounter("Sec-Dup-1", Sentence + " Changed.")])).Single();

        Assert.Equal(IngestOutcome.Duplicate, lower.Outcome);
        Assert.Equal(IngestOutcome.Conflict, other.Outcome);
        Assert.Equal(first.EncounterId, lower.EncounterId);
        Assert.Equal(1, await harness.QueryAsync(db => db.Encounters.CountAsync(e => e.ExternalId.ToUpper() == "SEC-DUP-1")));
    }

    [Fact]
    public async Task the_same_encounter_twice_is_a_duplicate_and_queues_nothing_more()
    {
        var first = (await harness.IngestAsync([Encounter("ENC-TWICE", Sentence)])).Single();
        var again = (await harness.IngestAsync([Encounter("ENC-TWICE", Sentence)])).Single();

        Assert.Equal(IngestOutcome.Created, first.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.EncounterId, again.EncounterId);
        var queued = await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == typeof(EncounterFinished).FullName && EF.Functions.JsonContains(m.Body, $"{{\"encounterId\":\"{first.EncounterId}\"}}")));
        Assert.Equal(1, queued);
    }

    [Fact]
    public async Task a_different_note_under_an_existing_id_is_a_conflict_and_the_original_stands()
    {
        var first = (await harness.IngestAsync([Encounter("ENC-AMEND", Sentence)])).Single();
        var amended = (await harness.IngestAsync([Encounter("ENC-AMEND", Sentence + " Addendum.")])).Single();

        Assert.Equal(IngestOutcome.Conflict, amended.Outcome);
        var row = await harness.QueryAsync(db => db.Notes.SingleAsync(n => n.EncounterId == first.EncounterId));
        Assert.Equal(Sentence, harness.Services.GetRequiredService<NoteProtector>().Unprotect(row));
    }

    [Fact]
    public async Task a_file_with_bad_lines_stores_the_good_ones_and_names_each_bad_line()
    {
        var lines = new List<byte[]>
        {
            Line("""{"externalId":"FILE-1","setting":"outpatient","dateOfService":"2026-02-01","note":"Fine note."}"""),
            Line("""{"externalId":"FILE-2","setting":"outpatient","dateOfService":"2026-02-01","note":"""),
            Line("""{"externalId":"FILE-3","setting":"outpatient","dateOfService":"2026-02-01","note":"   "}"""),
            InvalidUtf8Line("""{"externalId":"FILE-4","setting":"outpatient","dateOfService":"2026-02-01","note":"bad ""","\"}\n"),
            Line("""{"externalId":"FILE-5","setting":"outpatient","dateOfService":"1999-02-01","note":"Old."}"""),
            Line("""{"externalId":"FILE-6","setting":"outpatient","dateOfService":"2026-02-01","note":"Fine too."}"""),
        };
        using var stream = new MemoryStream(lines.SelectMany(l => l).ToArray());
        await using var scope = harness.Services.CreateAsyncScope();

        var report = await scope.ServiceProvider.GetRequiredService<JsonlIngest>().IngestAsync(stream, new Actor("test", "admin", "test"), default);

        Assert.Equal(["FILE-1", "FILE-6"], report.Results.Select(r => r.ExternalId));
        Assert.Equal([2, 3, 4, 5], report.Errors.Select(e => e.Line));
        Assert.StartsWith("malformed JSON", report.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Equal("note is empty", report.Errors[1].Reason);
        Assert.StartsWith("line is not valid UTF-8", report.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("before 2015-10-01", report.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Equal(2, await harness.QueryAsync(db => db.Encounters.CountAsync(e => e.ExternalId.StartsWith("FILE-"))));
    }

    private static byte[] Line(string json) => Encoding.UTF8.GetBytes(json + "\n");

    /// <summary>0xC3 0x28: a UTF-8 lead byte followed by a byte that cannot continue it.</summary>
    private static byte[] InvalidUtf8Line(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after)];

    private static ValidEncounter Encounter(string id, string note) =>
        new(id, CareSetting.Emergency, new DateOnly(2026, 2, 1), 61, PatientSex.Male, note);
}
