using Coding.Core.Data;
using Coding.Core.Suggestions;

namespace Coding.Core.Reporting;

/// <summary>Override rates from real coder reviews, per day (UTC) and per code family over the window.</summary>
public sealed record OverrideReport(DateTimeOffset From, DateTimeOffset To, DecisionRates Total, IReadOnlyList<DailyOverrides> Days, IReadOnlyList<DecisionRates> ByFamily);

public sealed record DailyOverrides(DateOnly Day, DecisionRates Rates);

/// <summary>
/// How often coders overrode the engine: of its suggestions decided on each day, the share rejected or modified, and
/// the codes coders added that the engine missed. A suggestion counts once, with its latest decision.
/// </summary>
public sealed class OverrideQueries(CodingDbContext db, TimeProvider clock)
{
    public const int MaxDays = 366;

    public async Task<OverrideReport> ReadAsync(int days, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = today.AddDays(-(days - 1));
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        const string sql = """
            SELECT (created_at AT TIME ZONE 'UTC')::date, reviewer, code_system, code, action, count(*)
            FROM (SELECT DISTINCT ON (r.suggestion_id) r.reviewer, r.action, r.created_at, s.code_system, s.code
                  FROM reviews r JOIN suggestions s ON s.id = r.suggestion_id
                  ORDER BY r.suggestion_id, r.created_at DESC, r.id DESC) latest
            WHERE created_at >= @from
            GROUP BY 1, 2, 3, 4, 5
            """;
        var rows = await Sql.QueryAsync(db, sql, r => (Day: r.GetFieldValue<DateOnly>(0), Row: new DecisionRow(r.GetString(1), Enum.Parse<CodeSystem>(r.GetString(2)),
            r.GetString(3), Enum.Parse<ReviewAction>(r.GetString(4)), (int)r.GetInt64(5))), ct, ("from", from));
        var byDay = rows.ToLookup(r => r.Day, r => r.Row);
        var series = Enumerable.Range(0, days).Select(i => firstDay.AddDays(i))
            .Select(d => new DailyOverrides(d, DecisionRates.Total(byDay[d]) with { Key = d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Label = d.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture) }))
            .ToList();
        var all = rows.Select(r => r.Row).ToList();
        return new OverrideReport(from, now, DecisionRates.Total(all), series, DecisionRates.ByFamily(all));
    }
}
