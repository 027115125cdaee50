using System.Diagnostics;
using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Ingest;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Coding.Cli.Bench;

/// <param name="WorkerSettings">Configuration for the worker processes on top of the environment they inherit.</param>
internal sealed record PipelineBenchSettings(
    int Encounters,
    int Workers,
    string WorkerDll,
    string LogDirectory,
    IReadOnlyDictionary<string, string?> WorkerSettings,
    Uri RabbitMqUri,
    string SamplesPath,
    TimeSpan Timeout,
    int WarmupEncounters = 200,
    int IngestBatch = 500,
    string? ApiDll = null);

/// <summary>One poll during the timed run: what still waits where.</summary>
internal sealed record QueueSample(double Seconds, uint QueueReady, int OutboxPending, int Remaining, long WorkerRssMb);

internal sealed record PipelineBenchResult(
    int Encounters,
    int Workers,
    int Coded,
    int Failed,
    int SuggestionSets,
    int DuplicateSets,
    double IngestSeconds,
    double ElapsedSeconds,
    double EncountersPerSecond,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyMaxMs,
    double WorkerCpuMsPerEncounter,
    double IngestCpuMsPerEncounter,
    IReadOnlyList<long> WorkerPeakRssMb,
    long IngestProcessPeakRssMb,
    IReadOnlyList<QueueSample> Samples,
    ApiUnderLoad? Api = null,
    ServerSide? Server = null);

/// <summary>The API host during the timed run, scraped as a monitoring stack would (/metrics and /health/ready).</summary>
internal sealed record ApiUnderLoad(long PeakRssMb, double CpuMsPerEncounter, int Scrapes, int FailedScrapes, double ScrapeP95Ms);

/// <summary>
/// The full pipeline under load: N synthetic encounters (the sample notes under generated ids) ingested in batches,
/// published by the workers' outbox dispatchers, consumed from RabbitMQ by real worker processes, coded and stored.
/// A warm-up batch (200) runs first so start-up (lexicon load, JIT tiering: a fresh worker burns ~1 s of CPU
/// compiling hot paths in its first half minute) is outside the timed window: the figures are steady state.
/// </summary>
internal static class PipelineBench
{
    public static async Task<PipelineBenchResult> RunAsync(IServiceProvider services, PipelineBenchSettings s, Action<string> progress, CancellationToken ct)
    {
        var samples = await ReadSamplesAsync(services, s.SamplesPath, ct);
        var run = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var workers = new List<WorkerProcess>();
        ApiHostUnderLoad? api = null;
        try
        {
            for (var i = 1; i <= s.Workers; i++)
                workers.Add(WorkerProcess.Start(s.WorkerDll, Path.Combine(s.LogDirectory, $"bench-worker-{i}.log"), s.WorkerSettings));
            if (s.ApiDll is not null)
                api = await ApiHostUnderLoad.StartAsync(s.ApiDll, Path.Combine(s.LogDirectory, "bench-api.log"), s.WorkerSettings, ct);
            await WaitForConsumersAsync(s.RabbitMqUri, s.Workers, TimeSpan.FromMinutes(3), ct);
            progress($"{s.Workers} worker(s) consuming; warm-up with {s.WarmupEncounters} encounters");
            var warm = new List<Guid>();
            var warmStart = DateTimeOffset.UtcNow;
            await IngestAsync(services, Make(samples, $"BENCH-{run}-W", s.WarmupEncounters), s.IngestBatch, warm, ct);
            await WaitUntilDoneAsync(services, warmStart, s.WarmupEncounters, s.Timeout, null, ct);

            var statementsUnavailable = await ServerSide.ResetAsync(services, ct);
            var postmaster = await ProcessCpu.PostmasterAsync(services, ct);
            var serverCpuBefore = ProcessCpu.Now(postmaster);
            var cpuBefore = workers.Select(w => w.CpuTime).ToList();
            var self = Process.GetCurrentProcess();
            var selfCpuBefore = self.TotalProcessorTime;
            var timedStart = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var samplesTaken = new List<QueueSample>();
            var ids = new List<Guid>(s.Encounters);
            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var sampler = SampleAsync(services, s.RabbitMqUri, timedStart, s.Encounters, workers, clock, samplesTaken, stopSampling.Token);
            var scraper = api?.ScrapeAsync(stopSampling.Token) ?? Task.CompletedTask;

            await IngestAsync(services, Make(samples, $"BENCH-{run}-T", s.Encounters), s.IngestBatch, ids, ct);
            var ingestSeconds = clock.Elapsed.TotalSeconds;
            self.Refresh();
            var ingestCpu = self.TotalProcessorTime - selfCpuBefore;
            progress($"{s.Encounters} encounters ingested in {ingestSeconds:F1} s");
            await WaitUntilDoneAsync(services, timedStart, s.Encounters, s.Timeout, progress, ct);
            var workerCpu = workers.Select((w, i) => w.CpuTime - cpuBefore[i]).Aggregate(TimeSpan.Zero, (a, b) => a + b);
            var apiResult = api?.Measure(s.Encounters);
            var server = await ServerSide.MeasureAsync(services, statementsUnavailable, s.Encounters, postmaster, serverCpuBefore, ct);
            await stopSampling.CancelAsync();
            await sampler;
            await scraper;

            var result = await MeasureAsync(services, s, ids, ingestSeconds, workerCpu, ingestCpu, workers.Select(w => w.PeakRssMb).ToList(), samplesTaken, ct);
            return result with { Api = apiResult, Server = server };
        }
        finally
        {
            if (api is not null)
                await api.DisposeAsync();
            await Task.WhenAll(workers.Select(w => w.StopAsync(TimeSpan.FromSeconds(20))));
            foreach (var w in workers)
                await w.DisposeAsync();
        }
    }

    private static async Task<PipelineBenchResult> MeasureAsync(IServiceProvider services, PipelineBenchSettings s, List<Guid> ids, double ingestSeconds,
        TimeSpan workerCpu, TimeSpan ingestCpu, List<long> workerPeaks, List<QueueSample> samples, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var rows = await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Status, e.ReceivedAt, e.CodedAt }).ToListAsync(ct);
        var sets = await db.SuggestionSets.Where(x => ids.Contains(x.EncounterId)).GroupBy(x => x.EncounterId).Select(g => g.Count()).ToListAsync(ct);
        var coded = rows.Where(r => r.CodedAt is not null).ToList();
        var latencies = coded.Select(r => (r.CodedAt!.Value - r.ReceivedAt).TotalMilliseconds).Order().ToList();
        var elapsed = coded.Count == 0 ? 0 : (coded.Max(r => r.CodedAt!.Value) - rows.Min(r => r.ReceivedAt)).TotalSeconds;
        return new PipelineBenchResult(
            s.Encounters, s.Workers,
            rows.Count(r => r.Status == EncounterStatus.Coded), rows.Count(r => r.Status == EncounterStatus.Failed),
            sets.Count, sets.Count(n => n > 1),
            Math.Round(ingestSeconds, 2), Math.Round(elapsed, 2), elapsed == 0 ? 0 : Math.Round(coded.Count / elapsed, 1),
            Percentile(latencies, 50), Percentile(latencies, 95), latencies.Count == 0 ? 0 : Math.Round(latencies[^1], 1),
            Math.Round(workerCpu.TotalMilliseconds / s.Encounters, 2), Math.Round(ingestCpu.TotalMilliseconds / s.Encounters, 2),
            workerPeaks, WorkerProcess.ProcStatusKb(Environment.ProcessId, "VmHWM:") / 1024, samples);
    }

    /// <summary>The sample file's valid encounters, through the same reader and validator as `coding ingest`.</summary>
    internal static async Task<List<ValidEncounter>> ReadSamplesAsync(IServiceProvider services, string path, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<IngestOptions>>().Value;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var valid = new List<ValidEncounter>();
        await using var stream = File.OpenRead(path);
        await foreach (var line in JsonlEncounterReader.ReadAsync(stream, 64 << 20, ct))
            if (line.Input is not null && EncounterValidator.Validate(line.Input, options, today).Encounter is { } e)
                valid.Add(e);
        return valid.Count > 0 ? valid : throw new InvalidOperationException($"{path} holds no valid encounter");
    }

    /// <summary>Encounter i takes sample i mod n under a generated id, with the visit number in a sentence of its own so no two notes are equal.</summary>
    internal static IEnumerable<ValidEncounter> Make(List<ValidEncounter> samples, string prefix, int count) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var sample = samples[i % samples.Count];
            return sample with { ExternalId = $"{prefix}-{i:D6}", Note = $"{sample.Note}\nVisit number {i}." };
        });

    /// <summary>Ingests in batches, adding each batch's ids to <paramref name="ids"/> (read once the run is over, for its figures).</summary>
    private static async Task IngestAsync(IServiceProvider services, IEnumerable<ValidEncounter> encounters, int batchSize, List<Guid> ids, CancellationToken ct)
    {
        foreach (var batch in encounters.Chunk(batchSize))
        {
            await using var scope = services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<EncounterIngestor>().IngestAsync(batch, Actor.Cli(), ct);
            ids.AddRange(results.Select(r => r.EncounterId));
        }
    }

    private static async Task WaitUntilDoneAsync(IServiceProvider services, DateTimeOffset since, int expected, TimeSpan timeout, Action<string>? progress, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        while (true)
        {
            var waiting = await RemainingAsync(services, since, expected, ct);
            if (waiting == 0)
                return;
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"{waiting} of {expected} encounters still waiting after {timeout.TotalSeconds:0} s");
            if (progress is not null && lastReport.Elapsed > TimeSpan.FromSeconds(5))
            {
                progress($"{expected - waiting}/{expected} done");
                lastReport.Restart();
            }
            await Task.Delay(250, ct);
        }
    }

    /// <summary>
    /// What of a batch received since <paramref name="since"/> is not processed yet (not yet ingested counts too).
    /// By time, not by the batch's ids: a 10,000-id list sent with every poll cost the bench process and PostgreSQL
    /// more CPU than the workers' own queries, and distorted the figures it measures. The bench therefore assumes
    /// nothing else ingests into its database meanwhile.
    /// </summary>
    private static async Task<int> RemainingAsync(IServiceProvider services, DateTimeOffset since, int expected, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var done = await db.Encounters.CountAsync(e => e.ReceivedAt >= since && e.Status != EncounterStatus.Received, ct);
        return expected - done;
    }

    /// <summary>
    /// Queue depth from a passive queue declare (real time; the management API's figures lag by its 5 s statistics
    /// interval), outbox backlog and remaining encounters from the database, worker RSS from /proc.
    /// </summary>
    private static async Task SampleAsync(IServiceProvider services, Uri rabbitMqUri, DateTimeOffset since, int total, List<WorkerProcess> workers,
        Stopwatch clock, List<QueueSample> samples, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var queue = await channel.QueueDeclarePassiveAsync(SuggestionService.ConsumerName, ct);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
                var outbox = await db.OutboxMessages.CountAsync(m => m.SentAt == null, ct);
                var remaining = await RemainingAsync(services, since, total, ct);
                samples.Add(new QueueSample(Math.Round(clock.Elapsed.TotalSeconds, 2), queue.MessageCount, outbox, remaining, workers.Sum(w => w.RssMb)));
                await Task.Delay(500, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task WaitForConsumersAsync(Uri rabbitMqUri, int workers, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync(ct);
        while (true)
        {
            // A fresh channel per try: a passive declare of a queue that does not exist yet closes the channel.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                if ((await channel.QueueDeclarePassiveAsync(SuggestionService.ConsumerName, ct)).ConsumerCount >= workers)
                    return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
            }
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"{workers} worker(s) not consuming after {timeout.TotalSeconds:0} s (see their logs)");
            await Task.Delay(250, ct);
        }
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)], 1);
}
