using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Pipeline;

public sealed class when_a_worker_stops_mid_batch(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    [Fact]
    public async Task a_restarted_worker_codes_every_remaining_encounter_and_none_twice()
    {
        await harness.IngestAsync(SampleEncounters.Make(200, "RESTART"));
        void Slow(IServiceCollection s) => s.AddSingleton<ISuggestionEngine>(new SlowEngine(TimeSpan.FromMilliseconds(30)));

        using (var first = harness.CreateWorker(Slow, concurrency: 4))
        {
            await first.StartAsync();
            await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() >= 30, TimeSpan.FromSeconds(60), "30 coded by the first worker");
            await first.StopAsync();
        }
        var codedByFirst = await harness.CodedCountAsync();
        Assert.InRange(codedByFirst, 30, 199); // stopped mid-batch, not after it

        using (var second = harness.CreateWorker(Slow, concurrency: 4))
        {
            await second.StartAsync();
            await Eventually.HoldsAsync(async () => await harness.CodedCountAsync() == 200, TimeSpan.FromSeconds(90), "all 200 coded after restart");
            await second.StopAsync();
        }

        var perEncounter = await harness.QueryAsync(db => db.SuggestionSets.GroupBy(s => s.EncounterId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(200, perEncounter.Count);
        Assert.All(perEncounter, n => Assert.Equal(1, n));
        var created = await harness.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "suggestions.created"));
        Assert.Equal(200, created);
    }
}
