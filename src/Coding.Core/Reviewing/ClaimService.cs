using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coding.Core.Reviewing;

public sealed record ClaimResult(bool Granted, string Holder, DateTimeOffset ExpiresAt);


/// <summary>
/// Claims on encounters under review. One statement does the whole decision inside PostgreSQL (insert, or take over an
/// expired or own claim), so two coders racing for one encounter cannot both win: the primary key sees to it.
/// </summary>
public sealed class ClaimService(CodingDbContext db, IOptions<ReviewOptions> options, TimeProvider clock)
{
    public async Task<ClaimResult> ClaimAsync(Guid encounterId, Actor coder, CancellationToken ct)
    {
        var status = await db.Encounters.Where(e => e.Id == encounterId).Select(e => (EncounterStatus?)e.Status).FirstOrDefaultAsync(ct)
            ?? throw new ReviewException(ReviewError.NotFound, $"encounter {encounterId} does not exist");
        if (status != EncounterStatus.Coded)
            throw new ReviewException(ReviewError.Conflict, $"encounter {encounterId} is {status.ToString().ToLowerInvariant()}, not awaiting review");
        var now = clock.GetUtcNow();
        var expires = now + options.Value.ClaimDuration;
        var won = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO encounter_claims AS c (encounter_id, coder, claimed_at, expires_at)
            VALUES ({encounterId}, {coder.Name}, {now}, {expires})
            ON CONFLICT (encounter_id) DO UPDATE SET coder = excluded.coder, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                WHERE c.expires_at <= {now} OR c.coder = excluded.coder
            """, ct) == 1;
        if (won)
        {
            db.Record(coder, "encounter.claim", nameof(Encounter), encounterId, clock: clock);
            await db.SaveChangesAsync(ct);
            return new ClaimResult(true, coder.Name, expires);
        }
        var current = await db.EncounterClaims.AsNoTracking().FirstAsync(c => c.EncounterId == encounterId, ct);
        return new ClaimResult(false, current.Coder, current.ExpiresAt);
    }

    public async Task<bool> ReleaseAsync(Guid encounterId, Actor coder, CancellationToken ct)
    {
        var released = await db.EncounterClaims.Where(c => c.EncounterId == encounterId && c.Coder == coder.Name).ExecuteDeleteAsync(ct) == 1;
        if (released)
        {
            db.Record(coder, "encounter.release", nameof(Encounter), encounterId, clock: clock);
            await db.SaveChangesAsync(ct);
        }
        return released;
    }

    /// <summary>Renews the coder's unexpired claim; false when they do not hold one (never claimed, expired, or taken over).</summary>
    public async Task<bool> RenewAsync(Guid encounterId, string coder, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.EncounterClaims
            .Where(c => c.EncounterId == encounterId && c.Coder == coder && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, now + options.Value.ClaimDuration), ct) == 1;
    }
}
