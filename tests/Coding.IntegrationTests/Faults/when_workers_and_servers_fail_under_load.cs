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
/// are SIGKILLed and restarted, RabbitMQ is stopped and started, and PostgreSQL is restarted. Afterwards every encounter
/// has exactly one suggestion set, nothing waits, nothing was dead-lettered.
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
        var settings = harness.ProcessSettings(new Dictionary<string, string?>
        {
            ["Engine:Kind"] = "deterministic",
            // Retries must outlast a PostgreSQL restart (seconds); what outlasts them is the re-drive job's to repair.
            ["Messaging:RetryLimit"] = "10",
            ["Messaging:RetryMaxInterval"] = "00:00:05",
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
    }

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
