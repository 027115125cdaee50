using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coding.IntegrationTests.Web.ReviewJson;

namespace Coding.IntegrationTests.Web;

/// <summary>Hold and release on the real host and PostgreSQL: the reason list, the queue and held list, claims, the audit trail.</summary>
public sealed class when_a_coder_puts_an_encounter_on_hold(ReviewHost api) : IClassFixture<ReviewHost>
{
    private const string SecretNote = "waiting on Dr Example's addendum for MRN 4471";

    private async Task<Encounter> EncounterAsync(Guid id)
    {
        await using var scope = api.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodingDbContext>().Encounters.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private static async Task<bool> QueueListsAsync(HttpClient client, Guid id) =>
        JsonNode.Parse(await client.GetStringAsync("/api/queue"))!.AsArray().Any(r => (Guid)r!["id"]! == id);

    [Fact]
    public async Task a_hold_without_a_reason_from_the_list_is_refused_and_changes_nothing()
    {
        var id = api.Encounters["API-1"];
        using var coder = await api.SignedInAsync("coder");

        var none = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("needs a reason", (string)none["error"]!, StringComparison.Ordinal);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { reason = "lunch" }), HttpStatusCode.BadRequest);
        var other = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { reason = "other" }), HttpStatusCode.BadRequest);
        Assert.Contains("needs a note", (string)other["error"]!, StringComparison.Ordinal);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { reason = "other", note = new string('x', 201) }), HttpStatusCode.BadRequest);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{Guid.NewGuid()}/hold", new { reason = "awaiting-results" }), HttpStatusCode.NotFound);
        // Releasing what is not held is a conflict, not a silent success.
        await Json(await coder.DeleteAsync($"/api/encounters/{id}/hold"), HttpStatusCode.Conflict);

        Assert.Equal(EncounterStatus.Coded, (await EncounterAsync(id)).Status);
        Assert.True(await QueueListsAsync(coder, id));
        var reasons = JsonNode.Parse(await coder.GetStringAsync("/api/holds/reasons"))!.AsArray().Select(r => (string)r!["code"]!).ToList();
        Assert.Equal(["awaiting-documentation", "awaiting-query", "awaiting-results", "other"], reasons);
    }

    [Fact]
    public async Task a_held_encounter_leaves_the_queue_is_listed_with_its_reason_and_age_and_comes_back_on_release()
    {
        var id = api.Encounters["API-2"];
        using var coder = await api.SignedInAsync("coder");
        using var other = await api.SignedInAsync("coder2");
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);

        var held = await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { reason = "other", note = SecretNote });
        Assert.Equal(HttpStatusCode.NoContent, held.StatusCode);

        var stored = await EncounterAsync(id);
        Assert.Equal(EncounterStatus.Held, stored.Status);
        Assert.Equal(("other", "coder"), (stored.HoldReason, stored.HeldBy));
        Assert.False(await QueueListsAsync(coder, id));
        var row = Assert.Single(JsonNode.Parse(await other.GetStringAsync("/api/holds?reason=other"))!.AsArray(), r => (Guid)r!["id"]! == id)!;
        Assert.Equal(("API-2", "other", SecretNote), ((string)row["externalId"]!, (string)row["reason"]!, (string)row["note"]!));
        Assert.True((double)row["ageSeconds"]! >= 0);
        Assert.Empty(JsonNode.Parse(await other.GetStringAsync("/api/holds?reason=awaiting-results"))!.AsArray());

        // On hold it cannot be worked, claimed or held again; the hold took the coder's claim away.
        await Json(await other.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.Conflict);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { reason = "awaiting-query" }), HttpStatusCode.Conflict);
        await using (var scope = api.Scope())
            Assert.False(await scope.ServiceProvider.GetRequiredService<CodingDbContext>().EncounterClaims.AnyAsync(c => c.EncounterId == id));

        // Any coder may release it (the one who held it may be away); it is back in the queue, unclaimed and without the hold.
        Assert.Equal(HttpStatusCode.NoContent, (await other.DeleteAsync($"/api/encounters/{id}/hold")).StatusCode);
        stored = await EncounterAsync(id);
        Assert.Equal(EncounterStatus.Coded, stored.Status);
        Assert.Null(stored.HoldReason);
        Assert.Null(stored.HoldNote);
        Assert.True(await QueueListsAsync(coder, id));
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await coder.DeleteAsync($"/api/encounters/{id}/claim")).StatusCode);

        // Audited: who, when and the reason code; the coder's free text never.
        await using (var scope = api.Scope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<CodingDbContext>().AuditEntries
                .Where(a => a.EntityId == id.ToString() && (a.Action == "encounter.hold" || a.Action == "encounter.unhold")).ToListAsync();
            var hold = Assert.Single(audit, a => a.Action == "encounter.hold");
            Assert.Equal(("coder", "coder"), (hold.Actor, hold.Role));
            Assert.Equal("other", (string)JsonNode.Parse(hold.Detail!)!["reason"]!);
            var release = Assert.Single(audit, a => a.Action == "encounter.unhold");
            Assert.Equal("coder2", release.Actor);
            Assert.All(audit, a => Assert.DoesNotContain("Example", a.Detail ?? "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task an_encounter_another_coder_is_working_cannot_be_held_from_under_them()
    {
        var id = api.Encounters["WEB-1"];
        using var coder = await api.SignedInAsync("coder");
        using var other = await api.SignedInAsync("coder2");
        await Json(await other.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        try
        {
            var refused = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/hold", new { reason = "awaiting-documentation" }), HttpStatusCode.Conflict);
            Assert.Contains("claimed by coder2", (string)refused["error"]!, StringComparison.Ordinal);
            Assert.Equal(EncounterStatus.Coded, (await EncounterAsync(id)).Status);
        }
        finally
        {
            await other.DeleteAsync($"/api/encounters/{id}/claim");
        }
    }
}
