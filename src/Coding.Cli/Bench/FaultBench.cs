using System.Diagnostics;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client;

namespace Coding.Cli.Bench;

internal sealed record FaultBenchSettings(
    int Encounters,
    int Workers,
    TimeSpan Outage,
    string Repo,
    string WorkerDll,
    string LogDirectory,
    IReadOnlyDictionary<string, string?> WorkerSettings,
    Uri RabbitMqUri,
    string SamplesPath,
    TimeSpan Timeout);

/// <summary>What the fault bench measured; the targets of issue 19 are all zero except the catch-up and the log bytes.</summary>
internal sealed record FaultBenchResult(
    int Encounters,
    int Workers,
    double OutageSeconds,
    int Coded,
    int Lost,
    int Failed,
    int DuplicateSets,
    int TransientLettersInErrorQueue,
    int TransientLettersRedriven,
    int OtherLetters,
    int CodesSuggestedEvents,
    int CodesSuggestedDeliveries,
    int CodesSuggestedDuplicated,
    int CodesSuggestedMissing,
    double CatchUpSeconds,
    long WorkerLogBytesDuringOutage,
    double TotalSeconds,
    IReadOnlyList<string> Timeline);

/// <summary>
/// `coding bench faults`: N encounters through worker processes while two workers are SIGKILLed (one at a time),
/// PostgreSQL is stopped for the outage and RabbitMQ is restarted, each with a backlog waiting; then what was lost, duplicated, dead-lettered,
/// delivered twice to a second subscriber of CodesSuggested, how long coding took to catch up after the database came
/// back, and how much the workers logged during the outage. Faults are triggered by progress (coded counts), not time.
/// </summary>
internal static class FaultBench
{
    private const string SubscriberQueue = "bench-faults-second-subscriber";

    public static async Task<FaultBenchResult> RunAsync(IServiceProvider services, FaultBenchSettings s, Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var timeline = new List<string>();
        void Note(string what)
        {
            var line = $"{clock.Elapsed.TotalSeconds,7:F1} s  {what}";
            timeline.Add(line);
            progress(line);
        }

        var samples = await PipelineBench.ReadSamplesAsync(services, s.SamplesPath, ct);
        await BindSubscriberAsync(s.RabbitMqUri, ct);
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var workers = new WorkerProcess?[s.Workers];
        var started = 0;
        WorkerProcess Start() => WorkerProcess.Start(s.WorkerDll, Path.Combine(s.LogDirectory, $"bench-faults-worker-{++started}.log"), s.WorkerSettings);
        var since = DateTimeOffset.UtcNow;
        var redrivenBefore = await CountAsync(services, db => db.AuditEntries.CountAsync(a => a.Action == "deadletter.redriven", ct));
        try
        {
            // Every fault must meet a backlog, or it measures nothing (ingested while workers ran, the backlog had drained
            // before the database went down; placed after the broker restart, whose stop takes a minute, the outage met
            // 0 encounters waiting twice). So two waves: the first, ingested before any worker starts, meets both SIGKILLs
            // and the PostgreSQL outage early in its run; the second, ingested once the first is caught up, meets the
            // RabbitMQ restart.
            var ids = new List<Guid>(s.Encounters);
            var first = s.Encounters / 2;
            await IngestAsync(services, samples, $"BENCH-FAULTS-{run}-A", first, ids, ct);
            Note($"{first} ingested (first wave)");
            for (var i = 0; i < s.Workers; i++)
                workers[i] = Start();
            Note($"{s.Workers} worker processes started");

            await CodedAtLeastAsync(services, since, first / 20, s.Timeout, ct);
            Note("SIGKILL worker 1");
            workers[0]!.Kill();
            workers[0] = Start();
            await CodedAtLeastAsync(services, since, first / 10, s.Timeout, ct);
            Note($"SIGKILL worker {Math.Min(2, s.Workers)}");
            workers[^1]!.Kill();
            workers[^1] = Start();

            await CodedAtLeastAsync(services, since, first * 3 / 20, s.Timeout, ct);
            var logBefore = LogBytes(s.LogDirectory);
            Note($"stop PostgreSQL for {s.Outage.TotalSeconds:0} s; {first - await DoneAsync(services, since, ct)} encounters waiting");
            await InfraAsync(s.Repo, "stop-pg", ct);
            await Task.Delay(s.Outage, ct);
            await InfraAsync(s.Repo, "start-pg", ct);
            NpgsqlConnection.ClearAllPools();
            var back = clock.Elapsed;
            var outageLog = LogBytes(s.LogDirectory) - logBefore;
            var waiting = first - await DoneAsync(services, since, ct);
            Note($"PostgreSQL back; {waiting} encounters waiting; workers logged {outageLog:N0} bytes during the outage");
            await CodedAtLeastAsync(services, since, first, s.Timeout, ct, retry: true);
            var catchUp = (clock.Elapsed - back).TotalSeconds;
            Note($"the first wave's {first} done, {catchUp:F1} s after PostgreSQL came back");

            await IngestAsync(services, samples, $"BENCH-FAULTS-{run}-B", s.Encounters - first, ids, ct);
            Note($"{s.Encounters - first} ingested (second wave)");
            await CodedAtLeastAsync(services, since, first + (s.Encounters - first) / 20, s.Timeout, ct);
            Note("restart RabbitMQ");
            await InfraAsync(s.Repo, "restart-rabbit", ct);
            Note($"RabbitMQ back; {s.Encounters - await DoneAsync(services, since, ct)} encounters waiting");
            await CodedAtLeastAsync(services, since, s.Encounters, s.Timeout, ct, retry: true);
            Note($"all {s.Encounters} done");
            // Let the dispatchers send the last CodesSuggested rows before counting deliveries.
            await WaitAsync(() => CountAsync(services, db => db.OutboxMessages.CountAsync(m => m.SentAt == null, ct)), 0, TimeSpan.FromMinutes(2), ct);

            return await MeasureAsync(services, s, ids, since, redrivenBefore, catchUp, outageLog, clock.Elapsed.TotalSeconds, timeline, ct);
        }
        finally
        {
            await InfraAsync(s.Repo, "start-pg", CancellationToken.None);
            await InfraAsync(s.Repo, "start-rabbit", CancellationToken.None);
            foreach (var w in workers)
            {
                if (w is null)
                    continue;
                await w.StopAsync(TimeSpan.FromSeconds(20));
                await w.DisposeAsync();
            }
        }
    }

    private static async Task<FaultBenchResult> MeasureAsync(IServiceProvider services, FaultBenchSettings s, List<Guid> ids, DateTimeOffset since, int redrivenBefore,
        double catchUp, long outageLog, double total, List<string> timeline, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var statuses = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.Status).ToListAsync(ct);
        var sets = await db.SuggestionSets.Where(x => ids.Contains(x.EncounterId)).GroupBy(x => x.EncounterId).Select(g => g.Count()).ToListAsync(ct);
        var events = await db.OutboxMessages.Where(m => m.MessageType == typeof(Contracts.CodesSuggested).FullName && m.CreatedAt >= since)
            .Select(m => m.MessageId).ToListAsync(ct);
        var redriven = await db.AuditEntries.CountAsync(a => a.Action == "deadletter.redriven", ct) - redrivenBefore;
        var letters = await DeadLetters.PeekAsync(s.RabbitMqUri, SuggestionService.ConsumerName, 100_000, ct);
        var delivered = await DrainSubscriberAsync(s.RabbitMqUri, ct);
        var eventSet = events.ToHashSet();
        return new FaultBenchResult(
            s.Encounters, s.Workers, s.Outage.TotalSeconds,
            statuses.Count(x => x == EncounterStatus.Coded), s.Encounters - statuses.Count + statuses.Count(x => x == EncounterStatus.Received),
            statuses.Count(x => x == EncounterStatus.Failed),
            sets.Count(n => n > 1),
            letters.Count(l => l.IsTransient), redriven, letters.Count(l => !l.IsTransient),
            events.Count, delivered.Where(d => eventSet.Contains(d.Key)).Sum(d => d.Value), delivered.Count(d => eventSet.Contains(d.Key) && d.Value > 1),
            events.Count(e => !delivered.ContainsKey(e)),
            Math.Round(catchUp, 1), outageLog, Math.Round(total, 1), timeline);
    }

    private static long LogBytes(string directory) =>
        Directory.EnumerateFiles(directory, "bench-faults-worker-*.log").Sum(f => new FileInfo(f).Length);

    private static async Task BindSubscriberAsync(Uri rabbitMqUri, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var exchange = $"{typeof(Contracts.CodesSuggested).Namespace}:{nameof(Contracts.CodesSuggested)}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.QueueDeclareAsync(SubscriberQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.QueueBindAsync(SubscriberQueue, exchange, "", cancellationToken: ct);
        await channel.QueuePurgeAsync(SubscriberQueue, ct);
    }

    private static async Task<Dictionary<Guid, int>> DrainSubscriberAsync(Uri rabbitMqUri, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var counts = new Dictionary<Guid, int>();
        while (await channel.BasicGetAsync(SubscriberQueue, autoAck: true, ct) is { } got)
        {
            if (Guid.TryParse(got.BasicProperties.MessageId, out var id))
                counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return counts;
    }

    private static async Task IngestAsync(IServiceProvider services, List<ValidEncounter> samples, string prefix, int count, List<Guid> ids, CancellationToken ct)
    {
        foreach (var batch in PipelineBench.Make(samples, prefix, count).Chunk(500))
        {
            // A RabbitMQ restart does not touch ingest (the outbox is in PostgreSQL); a dropped pooled connection means again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var results = await scope.ServiceProvider.GetRequiredService<EncounterIngestor>().IngestAsync(batch, Actor.Cli(), ct);
                    ids.AddRange(results.Select(r => r.EncounterId));
                    break;
                }
                catch (Exception e) when (attempt < 5 && TransientFaults.IsTransient(e))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
            }
        }
    }

    private static async Task CodedAtLeastAsync(IServiceProvider services, DateTimeOffset since, int count, TimeSpan timeout, CancellationToken ct, bool retry = false)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var done = await CountAsync(services, db => db.Encounters.CountAsync(e => e.ReceivedAt >= since && e.Status != EncounterStatus.Received, ct));
                if (done >= count)
                    return;
            }
            catch (Exception e) when (retry && TransientFaults.IsTransient(e))
            {
                NpgsqlConnection.ClearAllPools();
            }
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"fewer than {count} encounters done after {timeout.TotalSeconds:0} s");
            await Task.Delay(250, ct);
        }
    }

    private static async Task<int> DoneAsync(IServiceProvider services, DateTimeOffset since, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CountAsync(services, db => db.Encounters.CountAsync(e => e.ReceivedAt >= since && e.Status != EncounterStatus.Received, ct));
            }
            catch (Exception e) when (attempt < 10 && TransientFaults.IsTransient(e))
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(500, ct);
            }
        }
    }

    private static async Task WaitAsync(Func<Task<int>> value, int target, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (await value() != target && deadline.Elapsed < timeout)
            await Task.Delay(250, ct);
    }

    private static async Task<int> CountAsync(IServiceProvider services, Func<CodingDbContext, Task<int>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CodingDbContext>());
    }

    private static async Task InfraAsync(string repo, string command, CancellationToken ct)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(repo, "scripts", "infra.sh"));
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/infra.sh {command} exited {process.ExitCode}: {await error}{await output}");
    }
}
