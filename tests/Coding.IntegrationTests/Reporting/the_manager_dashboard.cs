using Coding.Core.Reporting;
using Coding.IntegrationTests.Infrastructure;

namespace Coding.IntegrationTests.Reporting;

/// <summary>The dashboard's numbers against a database seeded at known instants (see <see cref="ReportingDatabase"/>).</summary>
public sealed class the_manager_dashboard(ReportingDatabase seeded) : IClassFixture<ReportingDatabase>
{
    private async Task<DashboardSnapshot> ReadAsync(int hours = 3)
    {
        await using var db = seeded.Context();
        return await new DashboardQueries(db, new FixedClock(ReportingDatabase.Now)).ReadAsync(hours, default);
    }

    [Fact]
    public async Task counts_encounters_ingested_coded_finalized_and_failed_per_hour_with_empty_hours_shown()
    {
        var snapshot = await ReadAsync(hours: 4);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), snapshot.From);
        Assert.Equal(
            [(9, 0, 0, 0, 0), (10, 3, 2, 1, 0), (11, 2, 1, 1, 1), (12, 2, 0, 0, 0)],
            snapshot.Hours.Select(h => (h.Hour.Hour, h.Ingested, h.Coded, h.Finalized, h.Failed)).ToList());
    }

    [Fact]
    public async Task an_added_code_modified_later_counts_as_added_and_not_as_a_modified_engine_suggestion()
    {
        var bob = (await ReadAsync()).ByCoder.Single(c => c.Key == "bob");
        Assert.Equal((1, 1), (bob.Modified, bob.Added));   // his one modify of an engine suggestion (I10), his one added code
    }

    [Fact]
    public async Task counts_the_dnfb_backlog_by_whole_days_since_discharge_leaving_out_what_is_finalized()
    {
        var dnfb = (await ReadAsync()).Dnfb;
        Assert.Equal([("0-2", 2), ("3-5", 2), ("6-10", 1), (">10", 1)], dnfb.Buckets.Select(b => (b.Days, b.Encounters)));
        Assert.Equal(6, dnfb.Encounters);
        Assert.Equal(11, dnfb.OldestDays!.Value, 6);
    }

    [Fact]
    public async Task gives_each_coders_charts_per_active_hour_and_median_minutes_from_their_last_claim_to_finalize()
    {
        var productivity = (await ReadAsync()).Productivity;
        Assert.Equal(
            [("alice", 1, 1, 1.0, 30.0), ("bob", 1, 1, 1.0, 15.0)],
            productivity.Select(p => (p.Coder, p.Finalized, p.ActiveHours, p.ChartsPerHour, p.MedianMinutesPerChart!.Value)));
    }

    [Fact]
    public async Task gives_the_processing_latency_percentiles_of_what_was_coded_per_hour_and_over_the_window()
    {
        var snapshot = await ReadAsync();

        var ten = snapshot.Hours.Single(h => h.Hour.Hour == 10);
        Assert.Equal(90, ten.LatencyP50Seconds!.Value, 6);
        Assert.Equal(117, ten.LatencyP95Seconds!.Value, 6);   // 60 + 0.95 × (120 − 60)
        Assert.Null(snapshot.Hours.Single(h => h.Hour.Hour == 12).LatencyP50Seconds);

        // 60, 120 and 3,600 s were coded in the window; the two-day-old encounter is outside it.
        Assert.Equal(3, snapshot.Latency.Coded);
        Assert.Equal(120, snapshot.Latency.P50Seconds!.Value, 6);
        Assert.Equal(120 + 0.9 * 3480, snapshot.Latency.P95Seconds!.Value, 6);
        Assert.Equal(3600, snapshot.Latency.MaxSeconds!.Value, 6);
    }

    [Fact]
    public async Task shows_the_backlog_for_the_engine_and_for_coders_with_its_age()
    {
        var backlog = (await ReadAsync()).Backlog;

        Assert.Equal(3, backlog.AwaitingEngine);
        Assert.Equal(5400, backlog.AwaitingEngineOldestSeconds!.Value, 6);
        Assert.Equal(1800, backlog.AwaitingEngineMedianSeconds!.Value, 6);
        // Coded and not finalized: E3 (coded 11:20, no decision yet) and E7 (coded two days ago, decided in part).
        Assert.Equal(2, backlog.AwaitingReview);
        Assert.Equal(TimeSpan.FromDays(2).TotalSeconds, backlog.AwaitingReviewOldestSeconds!.Value, 6);
        Assert.Equal(1, backlog.Failed);
    }

    [Fact]
    public async Task rates_decisions_by_code_family_and_by_coder_counting_each_suggestions_latest_decision()
    {
        var snapshot = await ReadAsync();

        Assert.Equal((3, 1, 1, 1), (snapshot.Decisions.Accepted, snapshot.Decisions.Rejected, snapshot.Decisions.Modified, snapshot.Decisions.Added));
        Assert.Equal(0.6, snapshot.Decisions.AcceptanceRate!.Value, 6);
        Assert.Equal(0.4, snapshot.Decisions.OverrideRate!.Value, 6);

        var families = snapshot.ByFamily.ToDictionary(f => f.Key);
        Assert.Equal(["cm-04", "cm-09", "cm-10", "cm-18", "pcs-0"], families.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.Equal((1, 0, 1, 0), (families["cm-09"].Accepted, families["cm-09"].Rejected, families["cm-09"].Modified, families["cm-09"].Added));
        Assert.Equal(0.5, families["cm-09"].ModificationRate!.Value, 6);
        Assert.Equal((1, 0), (families["cm-04"].Accepted, families["cm-04"].Rejected));
        Assert.Equal(1.0, families["cm-18"].RejectionRate!.Value, 6);
        Assert.Equal(1, families["cm-10"].Added);
        Assert.Null(families["cm-10"].AcceptanceRate);

        var coders = snapshot.ByCoder.ToDictionary(c => c.Key);
        Assert.Equal(["alice", "bob"], coders.Keys.Order(StringComparer.Ordinal).ToList()); // carol decided before the window
        Assert.Equal(1.0, coders["alice"].AcceptanceRate!.Value, 6);
        Assert.Equal((1, 1, 1, 1), (coders["bob"].Accepted, coders["bob"].Rejected, coders["bob"].Modified, coders["bob"].Added));
    }
}
