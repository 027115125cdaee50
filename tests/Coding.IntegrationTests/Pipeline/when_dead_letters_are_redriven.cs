using System.Text;
using Coding.Contracts;
using Coding.Core.Messaging;
using Coding.Core.Pipeline;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

public sealed class when_dead_letters_are_redriven(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const string Queue = SuggestionService.ConsumerName;
    private const string ErrorQueue = Queue + DeadLetters.ErrorSuffix;

    private static Dictionary<string, string> Fault(string type, string message) => new()
    {
        ["MT-Fault-ExceptionType"] = type,
        ["MT-Fault-Message"] = message,
        ["MT-Fault-Timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
    };

    [Fact]
    public async Task the_redrive_job_moves_transient_letters_back_with_an_audit_row_and_leaves_permanent_ones()
    {
        await EmptyErrorQueueAsync();
        var encounters = await harness.IngestAsync(SampleEncounters.Make(2, "TRANSIENT"));
        await harness.QueryAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTimeOffset.UtcNow)));
        var transient = encounters[0];
        var permanent = Guid.NewGuid();
        var transientMessage = Guid.NewGuid();
        using var worker = harness.CreateWorker(settings: new Dictionary<string, string?> { ["Redrive:Enabled"] = "false" });
        await worker.StartAsync();   // declares the queues
        await RawQueue.SendAsync(harness.Environment.RabbitMqUri, ErrorQueue,
            RawQueue.Envelope(transientMessage, transient.EncounterId, transient.ExternalId, new DateOnly(2026, 3, 2)),
            headers: Fault(typeof(TransientInfrastructureException).FullName!, "Transient infrastructure fault outlasted the retries: NpgsqlException <- SocketException ConnectionRefused."),
            messageId: transientMessage);
        await RawQueue.SendAsync(harness.Environment.RabbitMqUri, ErrorQueue,
            RawQueue.Envelope(Guid.NewGuid(), permanent, "GONE-1", new DateOnly(2026, 3, 2)),
            headers: Fault("Coding.Core.Suggestions.EncounterNotFoundException", $"Encounter {permanent} does not exist."));

        await using (var scope = worker.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StuckEncounterRedrive>().RunOnceAsync(default)).LockTaken);
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TransientDeadLetterRedrive>().RunOnceAsync(default));
        }
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 1, TimeSpan.FromSeconds(30), "the transient letter's encounter coded");
        await worker.StopAsync();

        var set = await harness.QueryAsync(db => db.SuggestionSets.SingleAsync());
        Assert.Equal((transient.EncounterId, transientMessage), (set.EncounterId, set.SourceMessageId));
        var audit = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "deadletter.redriven"));
        Assert.Equal(transient.EncounterId.ToString(), audit.EntityId);
        Assert.Contains(transientMessage.ToString(), audit.Detail, StringComparison.Ordinal);
        var left = Assert.Single(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, Queue, 10, default));
        Assert.Equal(permanent, left.EncounterId);
        Assert.False(left.IsTransient);
    }

    [Fact]
    public async Task a_letter_that_fails_again_during_the_run_is_moved_once_and_counted_exactly()
    {
        await EmptyErrorQueueAsync();
        // Three messages for encounters that do not exist: each dead-letters again the moment it is re-driven, landing
        // at the error queue's tail while the re-drive is still reading it.
        using var worker = harness.CreateWorker(settings: new Dictionary<string, string?> { ["Redrive:Enabled"] = "false" });
        var bus = worker.Services.GetRequiredService<IBus>();
        await worker.StartAsync();
        foreach (var i in Enumerable.Range(1, 3))
            await bus.Publish(new EncounterFinished(Guid.NewGuid(), $"GHOST-{i}", new DateOnly(2026, 3, 1)));
        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, Queue, 10, default)).Count == 3,
            TimeSpan.FromSeconds(30), "three dead letters");

        var run = await DeadLetters.RedriveAsync(harness.Environment.RabbitMqUri, Queue, 1000, _ => true, default);

        Assert.Equal(3u, run.Snapshot);
        Assert.Equal(3, run.Moved.Count);
        Assert.Equal(3, run.Moved.Select(l => l.MessageId).Distinct().Count());
        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, Queue, 10, default)).Count == 3,
            TimeSpan.FromSeconds(30), "the three back in the error queue, failed once more each");
        await worker.StopAsync();
        var back = await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, Queue, 10, default);
        Assert.Equal(3, back.Select(l => l.MessageId).Distinct().Count());
        // Each carries its re-drive count through the worker's fault and back into the error queue.
        Assert.All(back, l => Assert.Equal(1, l.Redriven));
    }

    [Fact]
    public async Task the_skipped_queue_is_listed_with_its_count_and_reason()
    {
        using var worker = harness.CreateWorker(settings: new Dictionary<string, string?> { ["Redrive:Enabled"] = "false" });
        await worker.StartAsync();
        var body = Encoding.UTF8.GetBytes("""{"messageId":"8a1c0000-0000-0000-0000-000000000001","messageType":["urn:message:Elsewhere:Unknown"],"message":{}}""");
        await RawQueue.SendAsync(harness.Environment.RabbitMqUri, Queue, body);
        await Eventually.HoldsAsync(async () => (await DeadLetters.QueuesAsync(harness.Environment.RabbitMqUri, Queue, default))
            .Any(q => q is { Name: Queue + DeadLetters.SkippedSuffix, Count: 1 }), TimeSpan.FromSeconds(30), "the unknown type skipped");
        await worker.StopAsync();

        var letter = Assert.Single(await DeadLetters.PeekQueueAsync(harness.Environment.RabbitMqUri, Queue + DeadLetters.SkippedSuffix, 10, default));
        Assert.Equal("skipped: no consumer for urn:message:Elsewhere:Unknown", letter.Reason);
    }

    /// <summary>The class's tests share one vhost: each starts from an empty error queue.</summary>
    private async Task EmptyErrorQueueAsync()
    {
        if ((await DeadLetters.QueuesAsync(harness.Environment.RabbitMqUri, Queue, default)).Any(q => q.Name == ErrorQueue))
            await RawQueue.DrainAsync(harness.Environment.RabbitMqUri, ErrorQueue);
    }
}
