using System.Collections.Concurrent;
using Coding.Contracts;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

public sealed class when_a_batch_of_encounters_is_ingested(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task two_hundred_encounters_are_each_coded_exactly_once_and_announced()
    {
        using var worker = harness.CreateWorker();
        await worker.StartAsync();
        var announced = new ConcurrentDictionary<Guid, int>();
        var bus = worker.Services.GetRequiredService<IBus>();
        var listener = bus.ConnectReceiveEndpoint("test-codes-suggested", e =>
            e.Handler<CodesSuggested>(ctx => { announced.AddOrUpdate(ctx.Message.EncounterId, 1, (_, n) => n + 1); return Task.CompletedTask; }));
        await listener.Ready;
        // Ingest only once the listener's queue is bound: an event published before that is dropped by RabbitMQ, which
        // made this test depend on how fast the worker codes.
        var ingested = await harness.IngestAsync(SampleEncounters.Make(200));

        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 200, TimeSpan.FromSeconds(60), "all 200 encounters coded");
        await Eventually.HoldsAsync(() => Task.FromResult(announced.Count == 200), TimeSpan.FromSeconds(30), "CodesSuggested received for all 200");
        await worker.StopAsync();

        var sets = await harness.QueryAsync(db => db.SuggestionSets.GroupBy(s => s.EncounterId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(200, sets.Count);
        Assert.All(sets, n => Assert.Equal(1, n));
        var created = await harness.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "suggestions.created").GroupBy(a => a.EntityId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(200, created.Count);
        Assert.All(created, n => Assert.Equal(1, n));
        Assert.All(announced.Values, n => Assert.Equal(1, n));
        Assert.Equal(ingested.Select(i => i.EncounterId).Order(), announced.Keys.Order());
        Assert.Equal(0, await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)));
        Assert.Empty(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default));
    }
}
