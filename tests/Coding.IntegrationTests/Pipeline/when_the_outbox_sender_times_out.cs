using Coding.Contracts;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

/// <summary>
/// One publish of an outbox batch never gets its confirm in time (a publish observer holds it until the batch's publish
/// timeout cancels it): the rest of the batch, confirmed, is marked sent and never goes out again; the held one goes
/// out with the next batch under its own MessageId. A second subscriber counts what reached it.
/// </summary>
public sealed class when_the_outbox_sender_times_out(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private sealed class HoldOnce(Guid messageId) : IPublishObserver
    {
        public int Held;

        public async Task PrePublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.MessageId == messageId && Interlocked.Increment(ref Held) == 1)
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    [Fact]
    public async Task confirmed_messages_are_published_once_and_the_timed_out_one_once_more()
    {
        var subscriber = await SecondSubscriber.BindAsync(harness.Environment.RabbitMqUri, typeof(EncounterFinished), "another-system");
        await harness.IngestAsync(SampleEncounters.Make(20, "TIMEOUT"));
        var rows = await harness.QueryAsync(db => db.OutboxMessages.OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync());
        var held = new HoldOnce(rows[3]);
        using var worker = harness.CreateWorker(settings: new Dictionary<string, string?>
        {
            ["Messaging:OutboxPublishTimeout"] = "00:00:01",
            ["Redrive:Enabled"] = "false",
        });
        worker.Services.GetRequiredService<IBus>().ConnectPublishObserver(held);
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 20, TimeSpan.FromSeconds(60), "all 20 coded");
        await worker.StopAsync();

        Assert.True(held.Held >= 2, "the held message was published again");
        var delivered = await subscriber.DrainAsync();
        Assert.Equal(rows.Order(), delivered.Keys.Order());
        Assert.All(delivered, d => Assert.Equal(1, d.Value));
        var outbox = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType == typeof(EncounterFinished).FullName).ToListAsync());
        Assert.All(outbox, m => Assert.NotNull(m.SentAt));
        Assert.Equal(2, outbox.Single(m => m.MessageId == rows[3]).Attempts);
        Assert.All(outbox.Where(m => m.MessageId != rows[3]), m => Assert.Equal(1, m.Attempts));
    }
}

/// <summary>
/// PostgreSQL goes away from the dispatcher between the broker's confirms and the batch's commit (the relay is cut
/// the moment a publish of the batch completes): the confirmed rows are remembered, marked sent once the database
/// answers, and never published again.
/// </summary>
public sealed class when_the_database_goes_away_before_the_outbox_commits(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private sealed class CutOnce(Guid messageId, TcpOutage relay) : IPublishObserver
    {
        public int Cuts;

        public Task PrePublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.MessageId == messageId && Interlocked.Increment(ref Cuts) == 1)
            {
                relay.Down();
                _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ => relay.Up(), TaskScheduler.Default);
            }
            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    [Fact]
    public async Task the_confirmed_batch_is_recorded_when_it_answers_and_sent_once()
    {
        var (relay, proxied) = TcpOutage.For(harness.Environment.ConnectionString);
        await using var _ = relay;
        var subscriber = await SecondSubscriber.BindAsync(harness.Environment.RabbitMqUri, typeof(EncounterFinished), "another-system-outage");
        await harness.IngestAsync(SampleEncounters.Make(20, "CUT"));
        var rows = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType == typeof(EncounterFinished).FullName)
            .OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync());
        var cut = new CutOnce(rows[^1], relay);
        using var worker = harness.CreateWorker(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Coding"] = proxied,
            ["Messaging:OutageProbeInterval"] = "00:00:00.200",
            ["Redrive:Enabled"] = "false",
        });
        worker.Services.GetRequiredService<IBus>().ConnectPublishObserver(cut);
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 20, TimeSpan.FromSeconds(90), "all 20 coded");
        await Eventually.HoldsAsync(async () => await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) == 0,
            TimeSpan.FromSeconds(60), "every outbox row marked sent");
        await worker.StopAsync();

        Assert.Equal(1, cut.Cuts);
        var delivered = await subscriber.DrainAsync();
        Assert.Equal(rows.Order(), delivered.Keys.Order());
        Assert.All(delivered, d => Assert.Equal(1, d.Value));
    }
}

/// <summary>
/// Two dispatchers through one outage: the one whose batch the broker had confirmed reconnects last. The other, back
/// first, would claim those rows (the oldest unsent, their locks gone with the connection) and publish them again; it
/// waits <c>Messaging:OutboxSettleAfterFault</c> after the database answers, and the first records its confirms meanwhile.
/// </summary>
public sealed class when_another_dispatcher_reconnects_first(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private sealed class CutBoth(Guid messageId, TcpOutage first, TcpOutage second) : IPublishObserver
    {
        public int Cuts;

        public Task PrePublish<T>(PublishContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context)
            where T : class
        {
            if (context.MessageId == messageId && Interlocked.Increment(ref Cuts) == 1)
            {
                first.Down();
                second.Down();
                // The other worker's way back opens first, this one's three seconds later.
                _ = Task.Delay(TimeSpan.FromSeconds(2)).ContinueWith(_ => second.Up(), TaskScheduler.Default);
                _ = Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => first.Up(), TaskScheduler.Default);
            }
            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    [Fact]
    public async Task the_confirmed_batch_is_recorded_by_its_own_dispatcher_and_sent_once()
    {
        var (relayA, proxiedA) = TcpOutage.For(harness.Environment.ConnectionString);
        var (relayB, proxiedB) = TcpOutage.For(harness.Environment.ConnectionString);
        await using var a = relayA;
        await using var b = relayB;
        var subscriber = await SecondSubscriber.BindAsync(harness.Environment.RabbitMqUri, typeof(EncounterFinished), "another-system-two-dispatchers");
        await harness.IngestAsync(SampleEncounters.Make(20, "TWO"));
        var rows = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType == typeof(EncounterFinished).FullName)
            .OrderBy(m => m.Id).Select(m => m.MessageId).ToListAsync());
        var cut = new CutBoth(rows[^1], relayA, relayB);
        Dictionary<string, string?> Settings(string connection) => new()
        {
            ["ConnectionStrings:Coding"] = connection,
            ["Messaging:OutageProbeInterval"] = "00:00:00.200",
            // Far longer than the three seconds between the two reconnections, for a slow machine.
            ["Messaging:OutboxSettleAfterFault"] = "00:00:10",
            ["Redrive:Enabled"] = "false",
        };
        using var workerA = harness.CreateWorker(settings: Settings(proxiedA));
        workerA.Services.GetRequiredService<IBus>().ConnectPublishObserver(cut);
        await workerA.StartAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(cut.Cuts == 1), TimeSpan.FromSeconds(60), "the batch published and the database cut");
        // Started during the outage: its dispatcher meets it at once, like every dispatcher of a site.
        using var workerB = harness.CreateWorker(settings: Settings(proxiedB));
        await workerB.StartAsync();

        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 20, TimeSpan.FromSeconds(120), "all 20 coded");
        await Eventually.HoldsAsync(async () => await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) == 0,
            TimeSpan.FromSeconds(90), "every outbox row marked sent");
        await workerB.StopAsync();
        await workerA.StopAsync();

        var delivered = await subscriber.DrainAsync();
        Assert.Equal(rows.Order(), delivered.Keys.Order());
        Assert.All(delivered, d => Assert.Equal(1, d.Value));
    }
}
