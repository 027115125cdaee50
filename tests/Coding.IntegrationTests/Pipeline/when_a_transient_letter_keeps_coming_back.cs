using Coding.Core.Messaging;
using Coding.Core.Pipeline;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

/// <summary>
/// A letter dead for a "transient" cause that is in fact its own (a query that times out on this message every time)
/// is re-driven by the job at most <c>Redrive:MaxTransientRedrives</c> times, counted on the message, and then left in
/// the error queue for an operator, instead of going round every run through every retry, its note decrypted each time.
/// </summary>
public sealed class when_a_transient_letter_keeps_coming_back(PipelineHarness harness) : IClassFixture<PipelineHarness>
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
    public async Task the_job_stops_redriving_a_transient_letter_after_its_limit_and_leaves_it_for_an_operator()
    {
        var encounter = (await harness.IngestAsync(SampleEncounters.Make(1, "AGAIN"))).Single();
        await harness.QueryAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTimeOffset.UtcNow)));
        var settings = new Dictionary<string, string?> { ["Redrive:Enabled"] = "false", ["Redrive:MaxTransientRedrives"] = "2" };
        using var worker = harness.CreateWorker(settings: settings);
        await worker.StartAsync();
        const string timeout = "Transient infrastructure fault outlasted the retries: NpgsqlException <- TimeoutException.";
        var worn = Guid.NewGuid();
        var once = Guid.NewGuid();
        // Moved twice already and dead again: its timeout follows the message, not an outage.
        await RawQueue.SendAsync(harness.Environment.RabbitMqUri, ErrorQueue, RawQueue.Envelope(worn, Guid.NewGuid(), "WORN-1", new DateOnly(2026, 3, 2)),
            headers: new Dictionary<string, string>(Fault(typeof(TransientInfrastructureException).FullName!, timeout)) { [DeadLetters.RedrivenHeader] = "2" }, messageId: worn);
        await RawQueue.SendAsync(harness.Environment.RabbitMqUri, ErrorQueue, RawQueue.Envelope(once, encounter.EncounterId, encounter.ExternalId, new DateOnly(2026, 3, 2)),
            headers: new Dictionary<string, string>(Fault(typeof(TransientInfrastructureException).FullName!, timeout)) { [DeadLetters.RedrivenHeader] = "1" }, messageId: once);

        await using (var scope = worker.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TransientDeadLetterRedrive>().RunOnceAsync(default));
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 1, TimeSpan.FromSeconds(30), "the letter under its limit coded");
        await using (var scope = worker.Services.CreateAsyncScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TransientDeadLetterRedrive>().RunOnceAsync(default));
        await worker.StopAsync();

        var left = Assert.Single(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, Queue, 10, default));
        Assert.Equal((worn.ToString(), true, 2), (left.MessageId, left.IsTransient, left.Redriven));
        var audit = await harness.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "deadletter.redriven" && a.EntityId == encounter.EncounterId.ToString()));
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(audit.Detail!).RootElement.GetProperty("redrive").GetInt32());
    }
}
