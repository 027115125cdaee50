using System.Text;
using Coding.Contracts;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

public sealed class when_a_message_cannot_be_processed(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private const string ErrorQueue = SuggestionService.ConsumerName + "_error";

    [Fact]
    public async Task malformed_bytes_and_an_unknown_encounter_are_dead_lettered_with_their_reasons_and_the_rest_flows()
    {
        var good = await harness.IngestAsync(SampleEncounters.Make(20, "OK"));
        using var worker = harness.CreateWorker();
        var consumed = new ConsumedMessages<EncounterFinished>();
        var bus = worker.Services.GetRequiredService<IBus>();
        bus.ConnectConsumeMessageObserver(consumed);
        await worker.StartAsync();

        var unknown = Guid.NewGuid();
        await RawQueue.SendAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, Encoding.UTF8.GetBytes("{\"message\": {\"encounterId\": "));
        await bus.Publish(new EncounterFinished(unknown, "NOPE-1", new DateOnly(2026, 3, 1)));

        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 20, TimeSpan.FromSeconds(60), "the 20 good encounters coded");
        await Eventually.HoldsAsync(async () => (await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default)).Count == 2,
            TimeSpan.FromSeconds(30), "two dead letters");
        await worker.StopAsync();

        var letters = await RawQueue.DrainAsync(harness.Environment.RabbitMqUri, ErrorQueue);
        Assert.Equal(2, letters.Count);
        var notFound = Assert.Single(letters, l => l.Headers.GetValueOrDefault("MT-Fault-ExceptionType", "").EndsWith(nameof(EncounterNotFoundException), StringComparison.Ordinal));
        Assert.Contains($"Encounter {unknown} does not exist", notFound.Headers["MT-Fault-Message"], StringComparison.Ordinal);
        var malformed = Assert.Single(letters, l => l != notFound);
        Assert.Contains("Json", malformed.Headers["MT-Fault-ExceptionType"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(malformed.Headers["MT-Fault-Message"]));
        Assert.StartsWith("{\"message\"", malformed.Body, StringComparison.Ordinal);

        // Not retried: a fault no retry can fix goes straight to the error queue (retry limit is 3 here).
        Assert.Single(consumed.Faulted);
        Assert.Equal(good.Count, consumed.Consumed.Count);
    }
}
