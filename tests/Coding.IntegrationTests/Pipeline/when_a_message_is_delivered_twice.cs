using Coding.Contracts;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

public sealed class when_a_message_is_delivered_twice(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task the_encounter_still_has_one_suggestion_set()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "DUP"))).Single();
        using var worker = harness.CreateWorker();
        var consumed = new ConsumedMessages<EncounterFinished>();
        var bus = worker.Services.GetRequiredService<IBus>();
        bus.ConnectConsumeMessageObserver(consumed);
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 1, TimeSpan.FromSeconds(30), "the encounter coded");
        var original = await harness.QueryAsync(db => db.SuggestionSets.SingleAsync(s => s.EncounterId == encounter.EncounterId));

        // The broker redelivers the very same message (same MessageId), then an operator re-drives it as a new one.
        var message = new EncounterFinished(encounter.EncounterId, encounter.ExternalId, new DateOnly(2026, 3, 2));
        await bus.Publish(message, ctx => ctx.MessageId = original.SourceMessageId);
        await bus.Publish(message);
        await Eventually.HoldsAsync(() => Task.FromResult(consumed.Consumed.Count == 3), TimeSpan.FromSeconds(30), "original, redelivery and re-drive all consumed");
        Assert.Equal(2, consumed.Consumed.Count(id => id == original.SourceMessageId));
        await worker.StopAsync();

        var sets = await harness.QueryAsync(db => db.SuggestionSets.Where(s => s.EncounterId == encounter.EncounterId).ToListAsync());
        Assert.Equal(original.Id, Assert.Single(sets).Id);
        Assert.Equal(1, await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "suggestions.created")));
        Assert.Equal(1, await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == typeof(CodesSuggested).FullName)));
        Assert.Empty(consumed.Faulted);
    }
}
