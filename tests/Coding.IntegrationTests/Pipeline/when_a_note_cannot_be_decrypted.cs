using System.Security.Cryptography;
using Coding.Core.Audit;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
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

        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default)).Count == 1,
            TimeSpan.FromSeconds(30), "the message dead-lettered");
        await worker.StopAsync();

        var stored = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == encounter.EncounterId));
        Assert.Equal(EncounterStatus.Failed, stored.Status);
        Assert.Equal("note-unreadable", stored.FailureReason);
        Assert.Equal(0, await harness.QueryAsync(db => db.SuggestionSets.CountAsync(s => s.EncounterId == encounter.EncounterId)));
        var failedRead = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "note.read" && a.EntityId == encounter.EncounterId.ToString()));
        Assert.Equal(AuditOutcome.Failed, failedRead.Outcome);

        var letter = Assert.Single(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default));
        Assert.EndsWith(nameof(NoteUnreadableException), letter.ExceptionType, StringComparison.Ordinal);
        Assert.Contains("failed authentication", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task once_the_key_is_restored_a_redriven_message_codes_the_encounter()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "REDRIVE"))).Single();
        var broken = new Dictionary<string, string?> { ["NoteProtection:Keys:test-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        using (var misconfigured = harness.CreateWorker(settings: broken))
        {
            await misconfigured.StartAsync();
            await Eventually.HoldsAsync(async () => (await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == encounter.EncounterId))).Status == EncounterStatus.Failed,
                TimeSpan.FromSeconds(30), "the encounter failed");
            // Its letter must be in the error queue before the worker stops: a message still inside its retries when
            // the worker stops goes back to the work queue (Messaging:ConsumerStopTimeout), not to the error queue.
            await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 100, default))
                .Any(l => l.EncounterId == encounter.EncounterId), TimeSpan.FromSeconds(30), "the message dead-lettered");
            await misconfigured.StopAsync();
        }

        using var fixedWorker = harness.CreateWorker();
        await fixedWorker.StartAsync();
        var moved = await DeadLetters.RedriveAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 100, default);

        Assert.True(moved >= 1);
        await Eventually.HoldsAsync(async () => (await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == encounter.EncounterId))).Status == EncounterStatus.Coded,
            TimeSpan.FromSeconds(30), "the re-driven encounter coded");
        await fixedWorker.StopAsync();
        var coded = await harness.QueryAsync(db => db.Encounters.SingleAsync(e => e.Id == encounter.EncounterId));
        Assert.Null(coded.FailureReason);
        Assert.Equal(1, await harness.QueryAsync(db => db.SuggestionSets.CountAsync(s => s.EncounterId == encounter.EncounterId)));
    }
}
