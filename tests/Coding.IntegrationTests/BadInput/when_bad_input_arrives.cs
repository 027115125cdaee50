using System.Text;
using Coding.Core.Audit;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.BadInput;

/// <summary>The corpus through `coding ingest`'s path (JsonlIngest) and straight onto the work queue, next to good input.</summary>
public sealed class when_bad_input_arrives(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private static readonly Dictionary<string, string?> RealEngine = new() { ["Engine:Kind"] = "deterministic" };

    [Fact]
    public async Task every_bad_line_is_refused_with_its_reason_and_the_good_lines_around_it_are_stored()
    {
        var file = new MemoryStream();
        var expected = new Dictionary<int, string>();
        var line = 0;
        foreach (var bad in Corpus.RefusedLines)
        {
            Write(file, Encoding.UTF8.GetBytes(Corpus.Line($"GOOD-{line}", "\"ASSESSMENT: Essential hypertension.\"")));
            line++;
            Write(file, bad.Line);
            expected[++line] = bad.Reason;
        }

        file.Position = 0;
        FileIngestReport report;
        await using (var scope = harness.Services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<JsonlIngest>().IngestAsync(file, Actor.Cli(), default);

        Assert.Equal(Corpus.RefusedLines.Count, report.Created);
        Assert.Equal(expected.Keys.Order(), report.Errors.Select(e => e.Line).Order());
        foreach (var error in report.Errors)
            Assert.Contains(expected[error.Line], error.Reason, StringComparison.Ordinal);
        // A reason names the line and the field, never the content.
        Assert.All(report.Errors, e => Assert.DoesNotContain("hypertension", e.Reason, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(Corpus.RefusedLines.Count, await harness.QueryAsync(db => db.Encounters.CountAsync(e => e.ExternalId.StartsWith("GOOD-"))));
    }

    [Fact]
    public async Task bad_queue_messages_dead_letter_with_reasons_and_hostile_notes_are_coded_only_from_the_candidates()
    {
        await harness.ImportEngineExcerptAsync();
        var hostile = await harness.IngestAsync(Corpus.AcceptedHostileNotes.Select(n =>
            new ValidEncounter($"HOSTILE-{n.Key}", CareSetting.Outpatient, new DateOnly(2026, 3, 2), 50, PatientSex.Female, n.Value)));
        // In the format's range but before any release this database holds: no codebook in force.
        var undated = (await harness.IngestAsync([new ValidEncounter("NO-RELEASE", CareSetting.Outpatient, new DateOnly(2016, 3, 2), 50, PatientSex.Male, "Essential hypertension.")])).Single();
        using var worker = harness.CreateWorker(settings: RealEngine);
        await worker.StartAsync();
        var bodies = Corpus.QueueBodies(Guid.NewGuid());
        foreach (var (_, body, _) in bodies)
            await RawQueue.SendAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, body);

        var hostileIds = hostile.Select(h => h.EncounterId).ToList();
        await Eventually.HoldsAsync(async () => await harness.QueryAsync(db => db.Encounters.CountAsync(e => hostileIds.Contains(e.Id) && e.Status == EncounterStatus.Coded)) == hostile.Count,
            TimeSpan.FromSeconds(90), "the hostile notes coded");
        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 50, default)).Count == bodies.Count + 1,
            TimeSpan.FromSeconds(60), "every bad message and the undatable encounter dead-lettered");
        await worker.StopAsync();

        var letters = await RawQueue.DrainAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName + "_error");
        foreach (var (name, _, exceptionType) in bodies)
            Assert.True(letters.Any(l => l.Headers.GetValueOrDefault("MT-Fault-ExceptionType", "").Contains(exceptionType, StringComparison.Ordinal)
                && !string.IsNullOrWhiteSpace(l.Headers.GetValueOrDefault("MT-Fault-Message"))), $"{name}: dead-lettered as {exceptionType} with a reason");
        Assert.Single(letters, l => l.Headers.GetValueOrDefault("MT-Fault-ExceptionType", "").EndsWith("NoCodebookInForceException", StringComparison.Ordinal));
        Assert.Equal("no-codebook-in-force", (await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == undated.EncounterId))).FailureReason);

        // The tables the injections name are intact, and every suggestion is a code of the release in force, grounded in the note.
        Assert.True(await harness.QueryAsync(db => db.AuditEntries.AnyAsync()));
        var releaseCodes = (await harness.QueryAsync(db => db.CodebookCodes.Select(c => c.Code).ToListAsync())).ToHashSet();
        foreach (var (key, text) in Corpus.AcceptedHostileNotes)
        {
            var id = hostile.Single(h => h.ExternalId == $"HOSTILE-{key}").EncounterId;
            var set = await harness.QueryAsync(db => db.SuggestionSets.Include(s => s.Suggestions).ThenInclude(s => s.Evidence).SingleAsync(s => s.EncounterId == id));
            var codes = set.Suggestions.Select(s => s.Code).ToList();
            Assert.Contains("I10", codes);
            Assert.All(codes, c => Assert.Contains(c.Replace(".", "", StringComparison.Ordinal), releaseCodes));
            Assert.All(Corpus.InjectedCodes, c => Assert.DoesNotContain(c, codes));
            Assert.All(set.Suggestions.SelectMany(s => s.Evidence), span => Assert.InRange(span.End, span.Start + 1, text.Length));
        }
    }

    private static void Write(Stream file, byte[] line)
    {
        file.Write(line);
        file.WriteByte((byte)'\n');
    }
}
