using Coding.Core.Audit;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.Core.Suggestions;
using Coding.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Coding.IntegrationTests.Reporting;

/// <summary>
/// A migrated scratch database with hand-placed encounters, suggestions and reviews at known instants around
/// <see cref="Now"/> (2026-11-23 12:30 UTC), so every dashboard number can be worked out by hand.
/// </summary>
public sealed class ReportingDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 30, 0, TimeSpan.Zero);
    private ScratchDatabase _database = null!;

    public CodingDbContext Context()
    {
        var options = new DbContextOptionsBuilder<CodingDbContext>();
        Database.Configure(options, _database.ConnectionString);
        return new CodingDbContext(options.Options);
    }

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync("coding_rep");
        await using var db = Context();
        await Database.MigrateAsync(db, default);
        await SeedAsync(db);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 11, 23, hour, minute, second, TimeSpan.Zero);

    private static async Task SeedAsync(CodingDbContext db)
    {
        var e1 = Encounter("E1", At(10, 5), At(10, 6));             // 60 s
        var e2 = Encounter("E2", At(10, 10), At(10, 12));           // 120 s
        var e3 = Encounter("E3", At(10, 20), At(11, 20));           // 3,600 s, coded in the 11:00 hour, not reviewed yet
        var e4 = Encounter("E4", At(11, 0), null);                  // backlog, 5,400 s old
        var e5 = Encounter("E5", At(12, 0), null);                  // backlog, 1,800 s old
        var e8 = Encounter("E8", At(12, 20), null);                 // backlog, 600 s old
        var e6 = Encounter("E6", At(11, 30), null, EncounterStatus.Failed, updated: At(11, 31));
        var e7 = Encounter("E7", Now.AddDays(-2).AddMinutes(-1), Now.AddDays(-2)); // outside the window; decided in part then, never finalized
        // Coders finalized E1 at 10:50 and E2 at 11:10; E7 was decided in part two days ago and is still open.
        (e1.Status, e1.FinalizedAt, e1.FinalizedBy) = (EncounterStatus.Finalized, At(10, 50), "alice");
        (e2.Status, e2.FinalizedAt, e2.FinalizedBy) = (EncounterStatus.Finalized, At(11, 10), "bob");
        db.Encounters.AddRange(e1, e2, e3, e4, e5, e6, e7, e8);
        // Discharged, not final billed: whole days since discharge 1 and 2 (E3, E4), 3 and 4 (E5, failed E6), 10 (E8), 11 (E7).
        // E1 was discharged long ago but is finalized, so it is billed; E2 has no discharge time (a clinic visit).
        e3.DischargedAt = Now.AddDays(-1);
        e4.DischargedAt = Now.AddDays(-3).AddMinutes(1);
        e5.DischargedAt = Now.AddDays(-3);
        e6.DischargedAt = Now.AddDays(-4.5);
        e8.DischargedAt = Now.AddDays(-10.9);
        e7.DischargedAt = Now.AddDays(-11);
        e1.DischargedAt = Now.AddDays(-30);
        // Claims: alice took E1 at 10:20 (30 min to finalize); bob claimed E2 at 10:40, released it, claimed again at 10:55
        // (15 min from the last claim); carol's claim of E2 is not bob's.
        db.AuditEntries.AddRange(
            AuditTrail.Entry(new Actor("alice", "coder", "test"), "encounter.claim", nameof(Encounter), e1.Id, clock: new FixedClock(At(10, 20))),
            AuditTrail.Entry(new Actor("bob", "coder", "test"), "encounter.claim", nameof(Encounter), e2.Id, clock: new FixedClock(At(10, 40))),
            AuditTrail.Entry(new Actor("bob", "coder", "test"), "encounter.claim", nameof(Encounter), e2.Id, clock: new FixedClock(At(10, 55))),
            AuditTrail.Entry(new Actor("carol", "coder", "test"), "encounter.claim", nameof(Encounter), e2.Id, clock: new FixedClock(At(11, 5))));

        var e1I10 = Suggest(db, e1, CodeSystem.Icd10Cm, "I10", "E11.9");
        var e2Codes = Suggest(db, e2, CodeSystem.Icd10Cm, "I10", "R50.9");
        var e2Pcs = Suggest(db, e2, CodeSystem.Icd10Pcs, "0DTJ4ZZ");
        var e7Codes = Suggest(db, e7, CodeSystem.Icd10Cm, "I10");
        var added = new Suggestion
        {
            Id = Guid.NewGuid(), SuggestionSetId = e2Codes[0].SuggestionSetId, EncounterId = e2.Id, CodeSystem = CodeSystem.Icd10Cm,
            Code = "J18.9", CodebookVersion = "2026", Description = "Pneumonia, unspecified organism", Status = SuggestionStatus.Modified, Rank = 9,
            Provenance = """{"source":"coder","reviewer":"bob"}""",
        };
        db.Suggestions.Add(added);

        Review(db, e1I10[0], "alice", ReviewAction.Accept, At(10, 30));
        Review(db, e1I10[1], "alice", ReviewAction.Reject, At(10, 31));
        Review(db, e1I10[1], "alice", ReviewAction.Accept, At(10, 40));    // supersedes the rejection
        Review(db, e2Codes[0], "bob", ReviewAction.Modify, At(11, 0));
        Review(db, e2Codes[1], "bob", ReviewAction.Reject, At(11, 1));
        Review(db, e2Pcs[0], "bob", ReviewAction.Accept, At(11, 2));
        Review(db, added, "bob", ReviewAction.Add, At(11, 3));
        // bob then made his own J18.9 more exact: a decision on his code, not on the engine's (still one added, no more modified).
        Review(db, added, "bob", ReviewAction.Modify, At(11, 4));
        Review(db, e7Codes[0], "carol", ReviewAction.Reject, Now.AddDays(-2)); // before the window
        await db.SaveChangesAsync();
    }

    private static Encounter Encounter(string id, DateTimeOffset received, DateTimeOffset? coded, EncounterStatus? status = null, DateTimeOffset? updated = null) => new()
    {
        Id = Guid.NewGuid(), ExternalId = id, Setting = CareSetting.Outpatient, DateOfService = new DateOnly(2026, 11, 20),
        Status = status ?? (coded is null ? EncounterStatus.Received : EncounterStatus.Coded),
        FailureReason = status == EncounterStatus.Failed ? "no-codebook-in-force" : null,
        ReceivedAt = received, CodedAt = coded, UpdatedAt = updated ?? coded ?? received,
    };

    private static List<Suggestion> Suggest(CodingDbContext db, Encounter encounter, CodeSystem system, params string[] codes)
    {
        var set = db.SuggestionSets.Local.FirstOrDefault(s => s.EncounterId == encounter.Id);
        if (set is null)
        {
            set = new SuggestionSet { Id = Guid.NewGuid(), EncounterId = encounter.Id, Engine = "test", EngineVersion = "1", CodebookVersion = "2026", CreatedAt = encounter.CodedAt!.Value };
            db.SuggestionSets.Add(set);
        }
        var suggestions = codes.Select((c, i) => new Suggestion
        {
            Id = Guid.NewGuid(), SuggestionSetId = set.Id, EncounterId = encounter.Id, CodeSystem = system, Code = c, CodebookVersion = "2026",
            Description = c, Confidence = 0.5, Rank = set.Suggestions.Count + i + 1, Status = SuggestionStatus.Suggested,
        }).ToList();
        set.Suggestions.AddRange(suggestions);
        return suggestions;
    }

    private static void Review(CodingDbContext db, Suggestion suggestion, string reviewer, ReviewAction action, DateTimeOffset at) =>
        db.Reviews.Add(new Review
        {
            Id = Guid.NewGuid(), EncounterId = suggestion.EncounterId, SuggestionId = suggestion.Id, Reviewer = reviewer, Action = action,
            ReasonCode = action == ReviewAction.Reject ? "not-documented" : null, ReplacementCode = action == ReviewAction.Modify ? "I11.9" : null, CreatedAt = at,
        });
}
