using System.Diagnostics;
using Coding.Cli.Bench;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Coding.IntegrationTests.Faults;

/// <summary>
/// 2,000 encounters through two real worker processes (deterministic engine, ICD-10-CM excerpt release) while workers
/// are SIGKILLed and restarted, RabbitMQ is stopped and started, PostgreSQL is restarted and then stopped for longer
/// than the workers' whole retry budget. Afterwards every encounter has exactly one suggestion set, nothing waits,
/// nothing was dead-lettered, and a second subscriber to CodesSuggested got every event (duplicates counted).
/// </summary>
public sealed class when_workers_and_servers_fail_under_load(PipelineHarness harness, ITestOutputHelper output) : IClassFixture<PipelineHarness>
{
    private const int Wave = 400;
    private const int Total = 5 * Wave;
    private readonly List<string> _timeline = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _started;

    [Fact]
    public async Task every_encounter_is_coded_exactly_once_and_nothing_is_stuck()
    {
        await harness.ImportEngineExcerptAsync();
        var subscriber = await SecondSubscriber.BindAsync(harness.Environment.RabbitMqUri, typeof(Contracts.CodesSuggested), "another-system");
        var settings = harness.ProcessSettings(new Dictionary<string, string?>
        {
            ["Engine:Kind"] = "deterministic",
            // Retries must outlast a PostgreSQL restart (seconds); what outlasts them is the re-drive job's to repair.
            ["Messaging:RetryLimit"] = "10",
            ["Messaging:RetryMaxInterval"] = "00:00:05",
            ["Messaging:OutageProbeInterval"] = "00:00:01",
            ["Messaging:ConcurrencyLimit"] = "4",
            ["Redrive:Interval"] = "00:00:02",
            ["Redrive:StuckAfter"] = "00:01:00",
            ["Logging:LogLevel:Default"] = "Information",
        });
        var workers = new WorkerProcess?[2];
        try
        {
            workers[0] = Start(settings);
            workers[1] = Start(settings);

            await IngestWaveAsync(1);
            await CodedAtLeastAsync(Wave / 4);
            Note("SIGKILL worker A");
            workers[0]!.Kill();
            workers[0] = Start(settings);

            await IngestWaveAsync(2);
            await CodedAtLeastAsync(Wave + Wave / 4);
            Note("SIGKILL workers A and B");
            workers[0]!.Kill();
            workers[1]!.Kill();
            workers[0] = Start(settings);
            workers[1] = Start(settings);

            await IngestWaveAsync(3);
            await CodedAtLeastAsync(2 * Wave + Wave / 4);
            Note("stop RabbitMQ");
            await LocalServers.StopRabbitAsync();
            // Ingest goes on while the broker is down: the outbox holds the messages.
            await IngestWaveAsync(4);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Note("start RabbitMQ");
            await LocalServers.StartRabbitAsync();

            await IngestWaveAsync(5);
            await CodedAtLeastAsync(3 * Wave + Wave / 4);
            Note("restart PostgreSQL");
            await LocalServers.RestartPostgresAsync();
            await harness.ClearConnectionPoolAsync();
            Note("PostgreSQL back");
            await CodedAtLeastAsync(3 * Wave + Wave / 2);
            // An outage longer than the retry budget (10 retries, up to 5 s apart: ~30 s): before the circuit breaker this
            // dead-lettered the backlog. The length is not what the test waits on for its verdict: any length must give
            // 0 dead letters; it only has to exceed the retry budget for the case to mean something.
            var logBytes = WorkerLogBytes();
            Note("stop PostgreSQL (outage)");
            await LocalServers.StopPostgresAsync();
            await Task.Delay(Outage);
            await LocalServers.StartPostgresAsync();
            await harness.ClearConnectionPoolAsync();
            var outageLog = WorkerLogBytes() - logBytes;
            Note($"PostgreSQL back after {Outage.TotalSeconds:0} s; workers logged {outageLog:N0} bytes meanwhile");
            Assert.True(outageLog < 1_000_000, $"{outageLog:N0} bytes of worker log during a {Outage.TotalSeconds:0} s outage");
            await CodedAtLeastAsync(4 * Wave + Wave / 4);
            Note("SIGKILL worker B");
            workers[1]!.Kill();
            workers[1] = Start(settings);

            await Eventually.HoldsAsync(async () => await CodedAsync() == Total, TimeSpan.FromMinutes(4), $"all {Total} encounters coded");
            Note($"all {Total} coded");
            await Eventually.HoldsAsync(async () => await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)) == 0,
                TimeSpan.FromSeconds(60), "the outbox drained (every CodesSuggested published)");
        }
        finally
        {
            foreach (var w in workers)
                if (w is not null) await w.DisposeAsync();
            await LocalServers.EnsureUpAsync();
            await harness.ClearConnectionPoolAsync();
            output.WriteLine(string.Join(Environment.NewLine, _timeline));
        }

        var byStatus = await harness.QueryAsync(db => db.Encounters.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.Equal(Total, Assert.Single(byStatus, s => s.Key == EncounterStatus.Coded).Count);
        Assert.Single(byStatus);
        var setsPerEncounter = await harness.QueryAsync(db => db.SuggestionSets.GroupBy(s => s.EncounterId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Total, setsPerEncounter.Count);
        Assert.All(setsPerEncounter, n => Assert.Equal(1, n));
        var createdPerEncounter = await harness.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "suggestions.created").GroupBy(a => a.EntityId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Total, createdPerEncounter.Count);
        Assert.All(createdPerEncounter, n => Assert.Equal(1, n));
        var announcements = await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == typeof(Contracts.CodesSuggested).FullName));
        Assert.Equal(Total, announcements);
        Assert.Empty(await DeadLetters.PeekAsync(harness.Environment.RabbitMqUri, SuggestionService.ConsumerName, 10, default));
        var inbox = await harness.QueryAsync(db => db.InboxMessages.CountAsync());
        output.WriteLine($"inbox rows {inbox} for {Total} encounters (more = a duplicate or re-driven message absorbed)");

        // Another system subscribed to CodesSuggested got every event, each under its outbox row's MessageId. A SIGKILL
        // between the broker's confirm and the outbox commit can send one again (same MessageId: subscribers
        // de-duplicate on it), so duplicates are counted and reported, not forbidden.
        var events = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType == typeof(Contracts.CodesSuggested).FullName).Select(m => m.MessageId).ToListAsync());
        var delivered = await subscriber.DrainAsync();
        Assert.Equal(events.Order(), delivered.Keys.Order());
        output.WriteLine($"CodesSuggested to a second subscriber: {events.Count} events, {delivered.Values.Sum()} deliveries, " +
            $"{delivered.Count(d => d.Value > 1)} delivered more than once");
    }

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(45);

    private static long WorkerLogBytes() =>
        Directory.EnumerateFiles(TestWorkers.LogDirectory, "faults-worker-*").Sum(f => new FileInfo(f).Length);

    private WorkerProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var n = ++_started;
        Note($"start worker process #{n}");
        return TestWorkers.Start($"faults-worker-{n}", settings);
    }

    private async Task IngestWaveAsync(int wave)
    {
        // Re-running an ingest is safe (stored ids come back as duplicates), so a dropped connection just means again.
        await Transient.RetryAsync(() => harness.IngestAsync(SampleEncounters.Make(Wave, $"FAULT{wave}")));
        Note($"wave {wave} ingested");
    }

    private Task<int> CodedAsync() => Transient.RetryAsync(() => harness.QueryAsync(db => db.Encounters.CountAsync(e => e.Status == EncounterStatus.Coded)));

    private async Task CodedAtLeastAsync(int count)
    {
        await Eventually.HoldsAsync(async () => await CodedAsync() >= count, TimeSpan.FromMinutes(3), $"{count} encounters coded");
        Note($"{await CodedAsync()} coded");
    }

    private void Note(string what) => _timeline.Add($"{_clock.Elapsed.TotalSeconds,7:F1} s  {what}");
}
