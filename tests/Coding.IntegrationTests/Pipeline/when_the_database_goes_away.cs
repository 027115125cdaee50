using System.Text.Json;
using Coding.Contracts;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coding.IntegrationTests.Pipeline;

/// <summary>
/// PostgreSQL goes away under a worker with a backlog on its queue (a TCP relay in front of the server is cut, so
/// only this worker loses it) and comes back: the backlog waits instead of spending its retries and dead-lettering.
/// </summary>
public sealed class when_the_database_goes_away(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task the_backlog_waits_the_worker_reports_not_ready_and_nothing_is_dead_lettered()
    {
        var (relay, proxied) = TcpOutage.For(harness.Environment.ConnectionString);
        await using var _ = relay;
        var readyFile = Path.Combine(Path.GetTempPath(), $"coding-ready-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Coding"] = proxied,
            ["Messaging:OutageProbeInterval"] = "00:00:00.200",
            ["Redrive:Enabled"] = "false",
            ["Health:ReadyFile"] = readyFile,
        };
        await harness.IngestAsync(SampleEncounters.Make(5, "UP"));
        using var worker = harness.CreateWorker(settings: settings);
        var bus = worker.Services.GetRequiredService<IBus>();
        var circuit = worker.Services.GetRequiredService<DatabaseCircuit>();
        var health = worker.Services.GetRequiredService<HealthCheckService>();
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 5, TimeSpan.FromSeconds(60), "the first 5 coded");
        // The file an orchestrator probes (`test -f`), written by the health publisher every few seconds.
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(readyFile)), TimeSpan.FromSeconds(60), "the ready file written");

        relay.Down();
        // Thirty more arrive while the worker cannot reach the database: the harness stores them (straight to the
        // server) and announces them with their outbox rows' MessageIds, as the dispatcher would have.
        await harness.IngestAsync(SampleEncounters.Make(30, "DOWN"));
        var rows = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.SentAt == null && m.MessageType == typeof(EncounterFinished).FullName).ToListAsync());
        Assert.Equal(30, rows.Count);
        foreach (var row in rows)
            await bus.Publish(JsonSerializer.Deserialize<EncounterFinished>(row.Body, Outbox.Json)!, ctx => ctx.MessageId = row.MessageId);
        await harness.QueryAsync(db => db.OutboxMessages.Where(m => rows.Select(r => r.Id).Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTimeOffset.UtcNow)));

        // Down for at least 10 probes (2 s here): ten times what the retry budget of this harness lasts (3 retries, 50-200 ms).
        await Eventually.HoldsAsync(() => Task.FromResult(circuit.IsOpen && relay.Refused >= 10), TimeSpan.FromSeconds(60), "the circuit open, 10 knocks refused");
        var whileDown = await health.CheckHealthAsync(r => r.Tags.Contains("ready"));
        Assert.Equal(HealthStatus.Unhealthy, whileDown.Entries["database-circuit"].Status);
        await Eventually.HoldsAsync(() => Task.FromResult(!File.Exists(readyFile)), TimeSpan.FromSeconds(60), "the ready file removed while down");
        Assert.Equal(0L, await ErrorLettersAsync());

        relay.Up();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 35, TimeSpan.FromSeconds(90), "all 35 coded once the database is back");
        Assert.False(circuit.IsOpen);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(r => r.Tags.Contains("ready"))).Entries["database-circuit"].Status);
        await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(readyFile)), TimeSpan.FromSeconds(60), "the ready file back");
        await worker.StopAsync();
        File.Delete(readyFile);

        Assert.Equal(0L, await ErrorLettersAsync());
        Assert.True(circuit.TripCount >= 1);
        Assert.Equal(35, await harness.QueryAsync(db => db.SuggestionSets.CountAsync()));
        Assert.Equal(35, await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "suggestions.created")));
    }

    private async Task<long> ErrorLettersAsync() =>
        (await DeadLetters.QueuesAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, default)).Sum(q => (long)q.Count);
}

/// <summary>
/// A worker stopped while PostgreSQL is away from it: the messages waiting at its open circuit go back to the queue
/// when it stops (cancelled after Messaging:ConsumerStopTimeout), not after the circuit's longest wait.
/// </summary>
public sealed class when_a_worker_stops_during_a_database_outage(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task a_worker_stopped_during_the_outage_hands_its_waiting_messages_back_and_another_codes_them()
    {
        var (relay, proxied) = TcpOutage.For(harness.Environment.ConnectionString);
        await using var _ = relay;
        var before = await harness.CodedCountAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Coding"] = proxied,
            ["Messaging:OutageProbeInterval"] = "00:00:00.200",
            ["Messaging:ConsumerStopTimeout"] = "00:00:01",
            ["Redrive:Enabled"] = "false",
        };
        using var stranded = harness.CreateWorker(settings: settings);
        var circuit = stranded.Services.GetRequiredService<DatabaseCircuit>();
        await stranded.StartAsync();

        relay.Down();
        await harness.IngestAsync(SampleEncounters.Make(12, "STOPPED"));
        var bus = stranded.Services.GetRequiredService<IBus>();
        var rows = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.SentAt == null && m.MessageType == typeof(EncounterFinished).FullName).ToListAsync());
        Assert.Equal(12, rows.Count);
        foreach (var row in rows)
            await bus.Publish(JsonSerializer.Deserialize<EncounterFinished>(row.Body, Outbox.Json)!, ctx => ctx.MessageId = row.MessageId);
        await harness.QueryAsync(db => db.OutboxMessages.Where(m => rows.Select(r => r.Id).Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTimeOffset.UtcNow)));
        await Eventually.HoldsAsync(() => Task.FromResult(circuit.IsOpen), TimeSpan.FromSeconds(60), "the circuit open");

        // The stop ends once the consumer stop timeout (1 s here) cancels the waiting messages. Without it the bus would sit
        // out its own 30 s stop timeout and then abandon them: the bound below is half of that, fifteen times the setting.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await stranded.StopAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"the worker took {stopping.Elapsed} to stop");

        // Another worker, which reaches the database, codes every one of them: none was dead-lettered or lost.
        using var healthy = harness.CreateWorker(settings: new Dictionary<string, string?> { ["Redrive:Enabled"] = "false" });
        await healthy.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == before + 12, TimeSpan.FromSeconds(60), "all 12 coded by the other worker");
        await healthy.StopAsync();
        Assert.Equal(0L, await ErrorLettersAsync());
    }

    private async Task<long> ErrorLettersAsync() =>
        (await DeadLetters.QueuesAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, default)).Sum(q => (long)q.Count);
}
