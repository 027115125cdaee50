using Coding.Core.Data;
using Coding.Core.Suggestions;

namespace Coding.Core.Reporting;

/// <summary>The manager dashboard's numbers, straight from the encounter, suggestion and review tables.</summary>
public sealed class DashboardQueries(CodingDbContext db, TimeProvider clock)
{
    public const int MaxHours = 24 * 14;

    /// <param name="hours">How many hourly buckets, the current (partial) hour last.</param>
    public async Task<DashboardSnapshot> ReadAsync(int hours, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, MaxHours);
        var now = clock.GetUtcNow();
        var currentHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var from = currentHour.AddHours(-(hours - 1));

        var hourly = await HoursAsync(from, ct);
        var series = Enumerable.Range(0, hours)
            .Select(i => from.AddHours(i))
            .Select(h => hourly.GetValueOrDefault(h) ?? new HourlyThroughput(h, 0, 0, 0, 0, null, null))
            .ToList();
        var decisions = await DecisionsAsync(db, from, ct);
        return new DashboardSnapshot(from, now, series, await BacklogAsync(now, ct), await LatencyAsync(from, ct),
            DecisionRates.Total(decisions), DecisionRates.ByFamily(decisions), DecisionRates.ByCoder(decisions))
        {
            Productivity = await ProductivityAsync(from, ct),
            Dnfb = await DnfbAsync(now, ct),
        };
    }

    private Task<List<CoderProductivity>> ProductivityAsync(DateTimeOffset from, CancellationToken ct)
    {
        const string sql = """
            WITH charts AS (
                SELECT e.finalized_by AS coder, e.finalized_at,
                       (SELECT max(a.occurred_at) FROM audit_entries a
                        WHERE a.action = 'encounter.claim' AND a.entity_type = 'Encounter' AND a.entity_id = e.id::text
                          AND a.actor = e.finalized_by AND a.occurred_at <= e.finalized_at) AS claimed_at
                FROM encounters e WHERE e.finalized_at >= @from AND e.finalized_by IS NOT NULL),
            active AS (
                SELECT reviewer AS coder, date_trunc('hour', created_at AT TIME ZONE 'UTC') AS hour FROM reviews WHERE created_at >= @from
                UNION
                SELECT coder, date_trunc('hour', finalized_at AT TIME ZONE 'UTC') FROM charts)
            SELECT c.coder, count(*), (SELECT count(*) FROM active a WHERE a.coder = c.coder),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.finalized_at - c.claimed_at) / 60)
                     FILTER (WHERE c.claimed_at IS NOT NULL)
            FROM charts c GROUP BY c.coder ORDER BY c.coder
            """;
        return Sql.QueryAsync(db, sql, r =>
        {
            var (finalized, hours) = ((int)r.GetInt64(1), (int)r.GetInt64(2));
            return new CoderProductivity(r.GetString(0), finalized, hours, hours == 0 ? 0 : (double)finalized / hours, r.NullableDouble(3));
        }, ct, ("from", from));
    }

    private async Task<DnfbBacklog> DnfbAsync(DateTimeOffset now, CancellationToken ct)
    {
        const string sql = """
            SELECT count(*) FILTER (WHERE d <= 2), count(*) FILTER (WHERE d BETWEEN 3 AND 5), count(*) FILTER (WHERE d BETWEEN 6 AND 10),
                   count(*) FILTER (WHERE d > 10), max(days)
            FROM (SELECT extract(epoch FROM @now - discharged_at) / 86400 AS days, floor(extract(epoch FROM @now - discharged_at) / 86400) AS d
                  FROM encounters WHERE discharged_at IS NOT NULL AND status <> 'Finalized') x
            """;
        return (await Sql.QueryAsync(db, sql, r =>
        {
            var buckets = new[] { "0-2", "3-5", "6-10", ">10" }.Select((label, i) => new DnfbBucket(label, (int)r.GetInt64(i))).ToList();
            return new DnfbBacklog(buckets.Sum(b => b.Encounters), r.NullableDouble(4), buckets);
        }, ct, ("now", now))).Single();
    }

    private async Task<Dictionary<DateTimeOffset, HourlyThroughput>> HoursAsync(DateTimeOffset from, CancellationToken ct)
    {
        // Hours in UTC whatever the session's time zone: a half-hour zone would otherwise shift every bucket.
        const string sql = """
            WITH received AS (
                SELECT date_trunc('hour', received_at AT TIME ZONE 'UTC') AS hour, count(*) AS n
                FROM encounters WHERE received_at >= @from GROUP BY 1),
            coded AS (
                SELECT date_trunc('hour', coded_at AT TIME ZONE 'UTC') AS hour, count(*) AS n,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM coded_at - received_at)) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM coded_at - received_at)) AS p95
                FROM encounters WHERE coded_at >= @from GROUP BY 1),
            finalized AS (
                SELECT date_trunc('hour', finalized_at AT TIME ZONE 'UTC') AS hour, count(*) AS n
                FROM encounters WHERE finalized_at >= @from GROUP BY 1),
            failed AS (
                SELECT date_trunc('hour', updated_at AT TIME ZONE 'UTC') AS hour, count(*) AS n
                FROM encounters WHERE status = 'Failed' AND updated_at >= @from GROUP BY 1)
            SELECT h.hour, coalesce(r.n, 0), coalesce(c.n, 0), coalesce(z.n, 0), coalesce(f.n, 0), c.p50, c.p95
            FROM (SELECT hour FROM received UNION SELECT hour FROM coded UNION SELECT hour FROM finalized UNION SELECT hour FROM failed) h
            LEFT JOIN received r USING (hour) LEFT JOIN coded c USING (hour) LEFT JOIN finalized z USING (hour) LEFT JOIN failed f USING (hour)
            """;
        var rows = await Sql.QueryAsync(db, sql, r => new HourlyThroughput(r.UtcHour(0), (int)r.GetInt64(1), (int)r.GetInt64(2), (int)r.GetInt64(3), (int)r.GetInt64(4),
            r.NullableDouble(5), r.NullableDouble(6)), ct, ("from", from));
        return rows.ToDictionary(h => h.Hour);
    }

    private async Task<Backlog> BacklogAsync(DateTimeOffset now, CancellationToken ct)
    {
        const string sql = """
            SELECT
              count(*) FILTER (WHERE status = 'Received'),
              extract(epoch FROM @now - min(received_at) FILTER (WHERE status = 'Received')),
              extract(epoch FROM @now - percentile_disc(0.5) WITHIN GROUP (ORDER BY received_at) FILTER (WHERE status = 'Received')),
              count(*) FILTER (WHERE awaiting_review),
              extract(epoch FROM @now - min(coded_at) FILTER (WHERE awaiting_review)),
              extract(epoch FROM @now - percentile_disc(0.5) WITHIN GROUP (ORDER BY coded_at) FILTER (WHERE awaiting_review)),
              count(*) FILTER (WHERE status = 'Failed')
            FROM (SELECT status, received_at, coded_at, status = 'Coded' AS awaiting_review FROM encounters) x
            """;
        return (await Sql.QueryAsync(db, sql, r => new Backlog((int)r.GetInt64(0), r.NullableDouble(1), r.NullableDouble(2),
            (int)r.GetInt64(3), r.NullableDouble(4), r.NullableDouble(5), (int)r.GetInt64(6)), ct, ("now", now))).Single();
    }

    private async Task<Latency> LatencyAsync(DateTimeOffset from, CancellationToken ct)
    {
        const string sql = """
            SELECT count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY s), percentile_cont(0.95) WITHIN GROUP (ORDER BY s), max(s)
            FROM (SELECT extract(epoch FROM coded_at - received_at) AS s FROM encounters WHERE coded_at >= @from) x
            """;
        return (await Sql.QueryAsync(db, sql, r => new Latency((int)r.GetInt64(0), r.NullableDouble(1), r.NullableDouble(2), r.NullableDouble(3)), ct,
            ("from", from))).Single();
    }

    /// <summary>
    /// Each engine suggestion's latest decision (reviews are history: a later decision supersedes an earlier one), counted
    /// when that decision was made in the window. A coder's own code (added, or the replacement of a modified suggestion)
    /// is no engine suggestion: an added one counts once as added, whatever the coder did with it later (modifying it
    /// must not count as modifying the engine's work), and a replacement not at all.
    /// </summary>
    internal static Task<List<DecisionRow>> DecisionsAsync(CodingDbContext db, DateTimeOffset from, CancellationToken ct)
    {
        const string sql = """
            SELECT reviewer, code_system, code, action, count(*)
            FROM (SELECT DISTINCT ON (r.suggestion_id) r.reviewer, r.action, r.created_at, s.code_system, s.code,
                         coalesce(s.provenance::jsonb ->> 'source', 'engine') = 'coder' AS coders_own
                  FROM reviews r JOIN suggestions s ON s.id = r.suggestion_id
                  ORDER BY r.suggestion_id, (coalesce(s.provenance::jsonb ->> 'source', 'engine') = 'coder' AND r.action = 'Add') DESC,
                           r.created_at DESC, r.id DESC) counted
            WHERE created_at >= @from AND (NOT coders_own OR action = 'Add')
            GROUP BY 1, 2, 3, 4
            """;
        return Sql.QueryAsync(db, sql, r => new DecisionRow(r.GetString(0), Enum.Parse<CodeSystem>(r.GetString(1)), r.GetString(2),
            Enum.Parse<ReviewAction>(r.GetString(3)), (int)r.GetInt64(4)), ct, ("from", from));
    }
}
