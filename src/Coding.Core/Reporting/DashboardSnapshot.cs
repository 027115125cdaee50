namespace Coding.Core.Reporting;

/// <summary>What a manager's dashboard shows for one window: counts, ages and latencies only, never note text.</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<HourlyThroughput> Hours,
    Backlog Backlog,
    Latency Latency,
    DecisionRates Decisions,
    IReadOnlyList<DecisionRates> ByFamily,
    IReadOnlyList<DecisionRates> ByCoder)
{
    public IReadOnlyList<CoderProductivity> Productivity { get; init; } = [];

    public DnfbBacklog Dnfb { get; init; } = new(0, null, []);
}

/// <summary>
/// One hour (UTC, start inclusive): encounters received, coded by the engine, finalized by a coder and failed in it,
/// and the processing latency (received → coded) of those coded in it; latencies are null when nothing was coded.
/// </summary>
public sealed record HourlyThroughput(DateTimeOffset Hour, int Ingested, int Coded, int Finalized, int Failed, double? LatencyP50Seconds, double? LatencyP95Seconds);

/// <summary>
/// Work not done yet, now. AwaitingEngine: received, not yet coded by a worker. AwaitingReview: coded by the engine,
/// not yet finalized by a coder (decided in part or not at all). Ages are now − received (engine) and now − coded (review).
/// </summary>
public sealed record Backlog(
    int AwaitingEngine,
    double? AwaitingEngineOldestSeconds,
    double? AwaitingEngineMedianSeconds,
    int AwaitingReview,
    double? AwaitingReviewOldestSeconds,
    double? AwaitingReviewMedianSeconds,
    int Failed);

/// <summary>Processing latency (received → coded) of the encounters coded in the window.</summary>
public sealed record Latency(int Coded, double? P50Seconds, double? P95Seconds, double? MaxSeconds);
