using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coding.Core.Data;
using Coding.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coding.IntegrationTests.Web;

/// <summary>HTTP ingest: the JSONL line's shape over POST /api/encounters, with the same validation and storage as `coding ingest`.</summary>
public sealed class when_encounters_are_posted(ApiHost api) : IClassFixture<ApiHost>
{
    private const string Secret = "Patient Zelda Quux has essential hypertension.";

    private static object Encounter(string id, string note, string date = "2026-03-01") =>
        new { externalId = id, setting = "outpatient", dateOfService = date, patientAge = 40, patientSex = "F", note };

    [Fact]
    public async Task a_new_one_is_stored_encrypted_and_queued_a_repeat_is_harmless_and_a_changed_note_conflicts()
    {
        using var ingest = await api.SignedInAsync("ingest");
        var created = await ingest.PostAsJsonAsync("/api/encounters", Encounter("HTTP-1", Secret));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("/api/encounters/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsJsonAsync("/api/encounters", Encounter("HTTP-1", Secret))).StatusCode);
        var conflict = await ingest.PostAsJsonAsync("/api/encounters", Encounter("HTTP-1", Secret + " Amended."));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.DoesNotContain("Zelda", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await api.SignedInAsync("admin");
        var batch = await admin.PostAsJsonAsync("/api/encounters", new[] { Encounter("HTTP-2", Secret), Encounter("HTTP-3", Secret) });
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);

        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var stored = await db.Encounters.Where(e => e.ExternalId.StartsWith("HTTP-")).Select(e => e.Id).ToListAsync();
        Assert.Equal(3, stored.Count);
        var notes = await db.Notes.Where(n => stored.Contains(n.EncounterId)).ToListAsync();
        Assert.All(notes, n => Assert.DoesNotContain("Zelda", Encoding.UTF8.GetString(n.Ciphertext), StringComparison.Ordinal));
        Assert.Equal(3, await db.OutboxMessages.CountAsync(o => o.SentAt == null));
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "note.write" && (a.Actor == "ingest" || a.Actor == "admin")));
    }

    [Fact]
    public async Task invalid_malformed_or_oversized_bodies_are_refused_without_quoting_the_note()
    {
        using var ingest = await api.SignedInAsync("ingest");
        var invalid = await ingest.PostAsJsonAsync("/api/encounters", new[] { Encounter("BAD-1", Secret, "2026-02-30"), Encounter("OK-1", Secret) });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("dateOfService", body, StringComparison.Ordinal);
        Assert.Contains("BAD-1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Zelda", body, StringComparison.Ordinal);

        var malformed = await ingest.PostAsync("/api/encounters", new StringContent("{\"externalId\": \"M-1\", \"note\": \"Zelda Quux \" oops}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain("Zelda", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var huge = await ingest.PostAsync("/api/encounters", new StringContent(new string(' ', 17 * 1024 * 1024), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await ingest.PostAsync("/api/encounters", new StringContent("{}", Encoding.UTF8, "text/plain"))).StatusCode);

        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        Assert.False(await db.Encounters.AnyAsync(e => e.ExternalId == "OK-1"));
    }
}
