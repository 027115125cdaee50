using Coding.Core.Data;

namespace Coding.Core.Reporting;

/// <summary>All-time counts and the backlog now, for monitoring (Prometheus /metrics): one cheap query per scrape.</summary>
public sealed record PipelineTotals(
    long Ingested,
    long Coded,
    IReadOnlyDictionary<string, long> ByStatus,
    long AwaitingEngine,
    double? AwaitingEngineOldestSeconds,
    long AwaitingReview,
    double? AwaitingReviewOldestSeconds,
    IReadOnlyDictionary<string, long> Decisions,
    long OutboxPending)
{
    public static async Task<PipelineTotals> ReadAsync(CodingDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        const string sql = """
            SELECT 'status', status, count(*), NULL::float8 FROM encounters GROUP BY status
            UNION ALL SELECT 'coded', '', count(*), NULL FROM encounters WHERE coded_at IS NOT NULL
            UNION ALL SELECT 'engine', '', count(*), extract(epoch FROM @now - min(received_at))::float8 FROM encounters WHERE status = 'Received'
            UNION ALL SELECT 'review', '', count(*), extract(epoch FROM @now - min(coded_at))::float8 FROM encounters WHERE status = 'Coded'
            UNION ALL SELECT 'action', action, count(*), NULL FROM reviews GROUP BY action
            UNION ALL SELECT 'outbox', '', count(*), NULL FROM outbox_messages WHERE sent_at IS NULL
            """;
        var rows = await Sql.QueryAsync(db, sql, r => (Kind: r.GetString(0), Key: r.GetString(1), Count: r.GetInt64(2), Age: r.NullableDouble(3)), ct, ("now", now));
        var byStatus = rows.Where(r => r.Kind == "status").ToDictionary(r => r.Key, r => r.Count);
        var engine = rows.Single(r => r.Kind == "engine");
        var review = rows.Single(r => r.Kind == "review");
        return new PipelineTotals(
            byStatus.Values.Sum(),
            rows.Single(r => r.Kind == "coded").Count,
            byStatus,
            engine.Count, engine.Age,
            review.Count, review.Age,
            rows.Where(r => r.Kind == "action").ToDictionary(r => r.Key, r => r.Count),
            rows.Single(r => r.Kind == "outbox").Count);
    }

    /// <summary>Processing latencies (seconds) of the encounters coded in (after, upTo].</summary>
    public static Task<List<double>> LatenciesAsync(CodingDbContext db, DateTimeOffset after, DateTimeOffset upTo, CancellationToken ct) =>
        Sql.QueryAsync(db, "SELECT extract(epoch FROM coded_at - received_at)::float8 FROM encounters WHERE coded_at > @after AND coded_at <= @upTo",
            r => r.GetDouble(0), ct, ("after", after), ("upTo", upTo));
}
