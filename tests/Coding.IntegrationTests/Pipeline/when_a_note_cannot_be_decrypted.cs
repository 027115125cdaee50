using System.Security.Cryptography;
using Coding.Core.Audit;
using Coding.Core.Encounters;
using Coding.Core.Notes;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Coding.IntegrationTests.Pipeline;

public sealed class when_a_note_cannot_be_decrypted(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task the_encounter_is_marked_failed_with_a_reason_and_its_message_is_dead_lettered()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "LOSTKEY"))).Single();
        // A worker deployed with a different secret under the same key id (a botched rotation).
        var wrongKeys = new Dictionary<string, string?> { ["NoteProtection:Keys:test-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        using var worker = harness.CreateWorker(settings: wrongKeys);
        await worker.StartAsync();

        await Eventually.HoldsAsync(async () => (await harness.Environment.QueueDepthAsync(SuggestionService.ConsumerName + "_error")).Ready == 1,
            TimeSpan.FromSeconds(30), "the message dead-lettered");
        await worker.StopAsync();

        var stored = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == encounter.EncounterId));
        Assert.Equal(EncounterStatus.Failed, stored.Status);
        Assert.Equal("note-unreadable", stored.FailureReason);
        Assert.Equal(0, await harness.QueryAsync(db => db.SuggestionSets.CountAsync()));
        var failedRead = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "note.read"));
        Assert.Equal(AuditOutcome.Failed, failedRead.Outcome);

        var letter = Assert.Single(await RawQueue.DrainAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName + "_error"));
        Assert.EndsWith(nameof(NoteUnreadableException), letter.Headers["MT-Fault-ExceptionType"], StringComparison.Ordinal);
        Assert.Contains("failed authentication", letter.Headers["MT-Fault-Message"], StringComparison.Ordinal);
    }
}
