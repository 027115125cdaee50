using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Reviewing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

/// <summary>Claims against the real PostgreSQL: racing coders, expiry, renewal.</summary>
public sealed class when_two_coders_claim_one_encounter(ReviewHost api) : IClassFixture<ReviewHost>
{
    private async Task<ClaimResult> ClaimAsync(Guid encounterId, string coder, Barrier? start = null)
    {
        await using var scope = api.Scope();
        var claims = scope.ServiceProvider.GetRequiredService<ClaimService>();
        // Both contexts open their connections first, so the two statements really meet in the database.
        await scope.ServiceProvider.GetRequiredService<CodingDbContext>().Database.OpenConnectionAsync();
        start?.SignalAndWait(TimeSpan.FromSeconds(10));
        return await claims.ClaimAsync(encounterId, new Actor(coder, "coder", "test"), default);
    }

    private Task ExecAsync(string sql, Guid id) => Task.Run(async () =>
    {
        await using var scope = api.Scope();
        await scope.ServiceProvider.GetRequiredService<CodingDbContext>().Database.ExecuteSqlRawAsync(sql, id);
    });

    [Fact]
    public async Task exactly_one_wins_every_race()
    {
        var id = api.Encounters["API-2"];
        for (var round = 0; round < 15; round++)
        {
            await ExecAsync("DELETE FROM encounter_claims WHERE encounter_id = {0}", id);
            using var barrier = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => ClaimAsync(id, "alice", barrier)),
                Task.Run(() => ClaimAsync(id, "bob", barrier)));
            var winner = Assert.Single(results, r => r.Granted);
            var loser = Assert.Single(results, r => !r.Granted);
            Assert.Equal(winner.Holder, loser.Holder);
            await using var scope = api.Scope();
            var row = await scope.ServiceProvider.GetRequiredService<CodingDbContext>().EncounterClaims.SingleAsync(c => c.EncounterId == id);
            Assert.Equal(winner.Holder, row.Coder);
        }
    }

    [Fact]
    public async Task the_holder_renews_and_an_expired_claim_passes_to_the_next_coder()
    {
        var id = api.Encounters["API-2"];
        await ExecAsync("DELETE FROM encounter_claims WHERE encounter_id = {0}", id);
        var first = await ClaimAsync(id, "carol");
        Assert.True(first.Granted);
        Assert.True((await ClaimAsync(id, "carol")).Granted);
        Assert.False((await ClaimAsync(id, "dave")).Granted);

        await ExecAsync("UPDATE encounter_claims SET expires_at = now() - interval '1 second' WHERE encounter_id = {0}", id);
        var takeover = await ClaimAsync(id, "dave");
        Assert.True(takeover.Granted);
        Assert.Equal("dave", takeover.Holder);
        Assert.False((await ClaimAsync(id, "carol")).Granted);
    }
}
