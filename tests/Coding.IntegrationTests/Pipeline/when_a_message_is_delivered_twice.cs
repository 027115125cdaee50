using Coding.Contracts;
using Coding.Core.Suggestions;
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
        var redrive = Assert.Single(consumed.Consumed, id => id != original.SourceMessageId)!.Value;

        // The inbox holds the original and the re-drive, once each; the same message a third time is recognised by it.
        var inbox = await harness.QueryAsync(db => db.InboxMessages.Where(i => i.Consumer == SuggestionService.ConsumerName).Select(i => i.MessageId).ToListAsync());
        Assert.Equal(new[] { original.SourceMessageId, redrive }.Order(), inbox.Order());
        await using (var scope = worker.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<SuggestionService>();
            Assert.Equal(SuggestOutcome.AlreadyProcessed, await service.SuggestAsync(message, original.SourceMessageId, default));
            Assert.Equal(SuggestOutcome.AlreadyProcessed, await service.SuggestAsync(message, redrive, default));
        }
        await worker.StopAsync();

        var sets = await harness.QueryAsync(db => db.SuggestionSets.Where(s => s.EncounterId == encounter.EncounterId).ToListAsync());
        Assert.Equal(original.Id, Assert.Single(sets).Id);
        Assert.Equal(1, await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "suggestions.created")));
        Assert.Equal(1, await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == typeof(CodesSuggested).FullName)));
        Assert.Empty(consumed.Faulted);
    }
}
