using Coding.Core.Data;
using Coding.Core.Reporting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Coding.Api.Dashboard;

/// <summary>
/// Prometheus metrics computed from the database when scraped. Workers are separate processes (and many), so the
/// database is the only place that knows the whole pipeline: counts and backlog are read on each scrape, and the
/// latency histogram observes the encounters coded since the previous scrape (a watermark on coded_at), so its
/// buckets accumulate from this API process's start as Prometheus expects of a histogram.
/// </summary>
public sealed class PipelineMetrics
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _settle;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private DateTimeOffset _watermark;

    private readonly Counter _ingested;
    private readonly Counter _coded;
    private readonly Gauge _byStatus;
    private readonly Gauge _backlog;
    private readonly Gauge _backlogOldest;
    private readonly Histogram _latency;
    private readonly Counter _decisions;
    private readonly Gauge _outboxPending;

    public PipelineMetrics(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MetricsOptions> options, CollectorRegistry registry)
    {
        _scopes = scopes;
        _clock = clock;
        _settle = options.Value.SettleDelay;
        _watermark = clock.GetUtcNow() - _settle;
        var metrics = Metrics.WithCustomRegistry(registry);
        _ingested = metrics.CreateCounter("coding_encounters_ingested_total", "Encounters stored by ingest (all time, from the database).");
        _coded = metrics.CreateCounter("coding_encounters_coded_total", "Encounters a worker has coded (all time, from the database).");
        _byStatus = metrics.CreateGauge("coding_encounters", "Encounters by current status.", "status");
        _backlog = metrics.CreateGauge("coding_backlog_encounters", "Work waiting now: queue=engine (received, not coded) or review (coded, not finalized by a coder).", "queue");
        _backlogOldest = metrics.CreateGauge("coding_backlog_oldest_age_seconds", "Age of the oldest waiting encounter per queue; 0 when the queue is empty.", "queue");
        _latency = metrics.CreateHistogram("coding_processing_latency_seconds", "Received to coded, per encounter coded since this process started.",
            new HistogramConfiguration { Buckets = [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400] });
        _decisions = metrics.CreateCounter("coding_review_decisions_total", "Coder decisions recorded, by action (all time, from the database).", "action");
        _outboxPending = metrics.CreateGauge("coding_outbox_pending_messages", "Outbox rows not yet published to RabbitMQ.");
        registry.AddBeforeCollectCallback(RefreshAsync);
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        // Two scrapes at once would observe the same encounters twice.
        await _refresh.WaitAsync(ct);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
            var now = _clock.GetUtcNow();
            var totals = await PipelineTotals.ReadAsync(db, now, ct);
            _ingested.IncTo(totals.Ingested);
            _coded.IncTo(totals.Coded);
            foreach (var (status, count) in totals.ByStatus)
                _byStatus.WithLabels(status.ToLowerInvariant()).Set(count);
            _backlog.WithLabels("engine").Set(totals.AwaitingEngine);
            _backlog.WithLabels("review").Set(totals.AwaitingReview);
            _backlogOldest.WithLabels("engine").Set(totals.AwaitingEngineOldestSeconds ?? 0);
            _backlogOldest.WithLabels("review").Set(totals.AwaitingReviewOldestSeconds ?? 0);
            foreach (var (action, count) in totals.Decisions)
                _decisions.WithLabels(action.ToLowerInvariant()).IncTo(count);
            _outboxPending.Set(totals.OutboxPending);

            var settled = now - _settle;
            foreach (var seconds in await PipelineTotals.LatenciesAsync(db, _watermark, settled, ct))
                _latency.Observe(seconds);
            _watermark = settled;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
