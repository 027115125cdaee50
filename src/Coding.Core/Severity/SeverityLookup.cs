using System.Collections.Concurrent;
using Coding.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Coding.Core.Severity;

/// <summary>
/// The severity lists in force on a date of service, read once per process and release (about 200,000 rows, 1–2 s)
/// and kept, by content hash: the same files give the same table whichever database they were loaded into, and a
/// replaced version has a new hash, so other processes pick it up without being told.
/// </summary>
public sealed class SeverityLookup(CodingDbContext db)
{
    private static readonly ConcurrentDictionary<(string?, string?), Lazy<Task<SeverityTable>>> Cache = new();

    public static void InvalidateCache() => Cache.Clear();

    public async Task<EncounterSeverity> GradeAsync(DateOnly dateOfService, IReadOnlyList<string> codes, string? principal, CancellationToken ct) =>
        (await TableAsync(dateOfService, ct)).Grade(codes, principal);

    public async Task<SeverityTable> TableAsync(DateOnly dateOfService, CancellationToken ct)
    {
        var releases = await db.Set<SeverityRelease>().AsNoTracking()
            .Where(r => r.EffectiveFrom <= dateOfService && r.EffectiveTo >= dateOfService)
            .OrderByDescending(r => r.EffectiveFrom).ToListAsync(ct);
        var ccMcc = releases.FirstOrDefault(r => r.Kind == SeverityListKind.CcMcc);
        var hcc = releases.FirstOrDefault(r => r.Kind == SeverityListKind.Hcc);
        // Not cancelled by the first caller's token: the load is shared by every request waiting on it.
        var lazy = Cache.GetOrAdd((ccMcc?.ContentHash, hcc?.ContentHash), _ => new(() => LoadAsync(ccMcc, hcc, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            Cache.TryRemove(new((ccMcc?.ContentHash, hcc?.ContentHash), lazy));
            throw;
        }
    }

    private async Task<SeverityTable> LoadAsync(SeverityRelease? ccMcc, SeverityRelease? hcc, CancellationToken ct)
    {
        AppendixC? appendix = null;
        if (ccMcc is not null)
        {
            var entries = await db.Set<CcMccCode>().AsNoTracking().Where(c => c.ReleaseId == ccMcc.Id)
                .Select(c => new CcMccEntry(c.Code, c.Level, c.PdxCollection, c.DischargedAliveOnly)).ToListAsync(ct);
            var exclusions = await db.Set<PdxExclusion>().AsNoTracking().Where(x => x.ReleaseId == ccMcc.Id)
                .Select(x => new { x.Collection, x.Code }).ToListAsync(ct);
            appendix = new AppendixC(entries, exclusions.GroupBy(x => x.Collection)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Code).ToList()));
        }
        HccModel? model = null;
        if (hcc is not null)
        {
            var mappings = await db.Set<HccMapping>().AsNoTracking().Where(m => m.ReleaseId == hcc.Id).Select(m => new { m.Code, m.Hcc }).ToListAsync(ct);
            var hierarchies = await db.Set<HccHierarchy>().AsNoTracking().Where(h => h.ReleaseId == hcc.Id)
                .Select(h => new { h.Parent, h.Child }).ToListAsync(ct);
            var labels = await db.Set<HccCategory>().AsNoTracking().Where(l => l.ReleaseId == hcc.Id).ToListAsync(ct);
            model = new HccModel(0, hcc.Version, mappings.Select(m => (m.Code, m.Hcc)).ToList(), hierarchies.Select(h => (h.Parent, h.Child)).ToList(),
                labels.ToDictionary(l => l.Hcc, l => new HccLabel(l.Label, l.Factor)));
        }
        return new SeverityTable(appendix, model, ccMcc?.Display, hcc?.Display);
    }
}
