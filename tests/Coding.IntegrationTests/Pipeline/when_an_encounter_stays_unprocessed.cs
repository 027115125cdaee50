using Coding.Contracts;
using Coding.Core.Encounters;
using Coding.Core.Pipeline;
using Coding.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Coding.IntegrationTests.Pipeline;

/// <summary>The Quartz re-drive job, running inside real worker hosts, against messages lost or still in flight.</summary>
public sealed class when_an_encounter_stays_unprocessed(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    private static Dictionary<string, string?> Redrive(string interval, string stuckAfter) => new()
    {
        ["Redrive:Interval"] = interval,
        ["Redrive:StuckAfter"] = stuckAfter,
    };

    [Fact]
    public async Task an_encounter_whose_message_was_lost_is_redriven_and_coded_once()
    {
        var lost = await harness.IngestAsync(SampleEncounters.Make(3, "LOST"));
        var ids = lost.Select(l => l.EncounterId).ToList();
        // The outbox row says "sent" but the broker never had it: nothing but the re-drive can code these now.
        await harness.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE outbox_messages SET sent_at = now()"));

        using var worker = harness.CreateWorker(settings: Redrive("00:00:00.500", "00:00:02"));
        await worker.StartAsync();
        await Eventually.HoldsAsync(async () => await harness.QueryAsync(db => db.Encounters.CountAsync(e => ids.Contains(e.Id) && e.Status == EncounterStatus.Coded)) == 3,
            TimeSpan.FromSeconds(60), "the three lost encounters coded");
        await worker.StopAsync();

        var sets = await harness.QueryAsync(db => db.SuggestionSets.Where(s => ids.Contains(s.EncounterId)).GroupBy(s => s.EncounterId).Select(g => g.Count()).ToListAsync());
        Assert.Equal([1, 1, 1], sets);
        var redriven = await harness.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "encounter.redriven" && ids.Select(i => i.ToString()).Contains(a.EntityId)).Select(a => a.EntityId).Distinct().ToListAsync());
        Assert.Equal(ids.Select(i => i.ToString()).Order(), redriven.Order());
    }

    [Fact]
    public async Task an_encounter_redriven_while_its_message_is_in_flight_is_not_coded_twice()
    {
        var ingested = await harness.IngestAsync(SampleEncounters.Make(2, "INFLIGHT"));
        var ids = ingested.Select(i => i.EncounterId).ToList();
        // A slow engine holds the original messages in flight for 4 s; the job, told they are stuck after 1 s, re-drives them meanwhile.
        void Slow(IServiceCollection s) => s.AddSingleton<Core.Suggestions.ISuggestionEngine>(new SlowEngine(TimeSpan.FromSeconds(4)));
        using var worker = harness.CreateWorker(Slow, settings: Redrive("00:00:00.250", "00:00:01"));
        var consumed = new ConsumedMessages<EncounterFinished>();
        worker.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(consumed);
        await worker.StartAsync();

        await Eventually.HoldsAsync(async () => await harness.QueryAsync(db => db.Encounters.CountAsync(e => ids.Contains(e.Id) && e.Status == EncounterStatus.Coded)) == 2,
            TimeSpan.FromSeconds(60), "both coded");
        var redrives = await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "encounter.redriven" && ids.Select(i => i.ToString()).Contains(a.EntityId)));
        Assert.True(redrives >= 2, $"each encounter re-driven while in flight (got {redrives} re-drives)");
        // Every message the job published, duplicates included, gets consumed: none may add a second set.
        await Eventually.HoldsAsync(() => Task.FromResult(consumed.Consumed.Count >= 2 + redrives), TimeSpan.FromSeconds(60), "the re-driven duplicates consumed");
        await worker.StopAsync();

        Assert.Empty(consumed.Faulted);
        Assert.Equal(2, await harness.QueryAsync(db => db.SuggestionSets.CountAsync(s => ids.Contains(s.EncounterId))));
        Assert.Equal(2, await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "suggestions.created" && ids.Select(i => i.ToString()).Contains(a.EntityId))));
    }

    [Fact]
    public async Task only_one_host_redrives_at_a_time_and_coded_or_failed_encounters_are_left_alone()
    {
        var ingested = await harness.IngestAsync(SampleEncounters.Make(3, "LOCK"));
        await harness.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE outbox_messages SET sent_at = now()"));
        await harness.QueryAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE encounters SET status = 'Failed', failure_reason = 'test' WHERE id = {ingested[2].EncounterId}"));
        var options = Options.Create(new RedriveOptions { StuckAfter = TimeSpan.FromMilliseconds(100) });
        await Task.Delay(200);

        // Another host is mid-run: it holds the lock.
        await using (var other = new NpgsqlConnection(harness.Environment.ConnectionString))
        {
            await other.OpenAsync();
            await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StuckEncounterRedrive.LockKey})", other))
                await take.ExecuteScalarAsync();
            var skipped = await harness.QueryAsync(db => new StuckEncounterRedrive(db, options, TimeProvider.System).RunOnceAsync(default));
            Assert.Equal(new RedriveRun(false, 0), skipped);
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StuckEncounterRedrive.LockKey})", other);
            await release.ExecuteScalarAsync();
        }

        var pendingBefore = await harness.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null));
        var run = await harness.QueryAsync(db => new StuckEncounterRedrive(db, options, TimeProvider.System).RunOnceAsync(default));
        Assert.True(run.LockTaken);
        var requeued = await harness.QueryAsync(db => db.OutboxMessages.Where(m => m.SentAt == null).Select(m => m.Body).ToListAsync());
        Assert.Equal(pendingBefore + run.Redriven, requeued.Count);
        Assert.Contains(requeued, b => b.Contains(ingested[0].EncounterId.ToString(), StringComparison.Ordinal));
        Assert.Contains(requeued, b => b.Contains(ingested[1].EncounterId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(requeued, b => b.Contains(ingested[2].EncounterId.ToString(), StringComparison.Ordinal));

        // Just re-driven: not again until StuckAfter has passed once more.
        var again = await harness.QueryAsync(db => new StuckEncounterRedrive(db, Options.Create(new RedriveOptions { StuckAfter = TimeSpan.FromMinutes(1) }), TimeProvider.System).RunOnceAsync(default));
        Assert.Equal(new RedriveRun(true, 0), again);
    }
}
