using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coding.Core.Data;
using Coding.Core.Fhir;
using Coding.Core.Reviewing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coding.IntegrationTests.Web.ReviewJson;

namespace Coding.IntegrationTests.Web;

/// <summary>The coder's API end to end on the real host: queue, claim, view, every kind of decision, finalize, export, audit.</summary>
public sealed class when_a_coder_reviews_an_encounter(ReviewHost api) : IClassFixture<ReviewHost>
{
    [Fact]
    public async Task decisions_are_validated_recorded_audited_and_exported()
    {
        var id = api.Encounters["API-1"];
        using var coder = await api.SignedInAsync("coder");
        using var other = await api.SignedInAsync("coder2");

        // The queue lists the coded encounters, filters by family and setting, and holds no note text.
        var queueText = await coder.GetStringAsync("/api/queue?family=I&setting=outpatient&sort=confidence");
        var queue = JsonNode.Parse(queueText)!.AsArray();
        Assert.Equal("API-1", (string)Assert.Single(queue)!["externalId"]!);
        Assert.DoesNotContain("Essential", queueText, StringComparison.Ordinal);
        Assert.Equal(3, JsonNode.Parse(await coder.GetStringAsync("/api/queue"))!.AsArray().Count);

        // Deciding needs the claim; one coder holds it, the other is refused.
        var unclaimed = await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = Guid.NewGuid(), action = "accept" });
        Assert.Equal(HttpStatusCode.Conflict, unclaimed.StatusCode);
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        var refused = await Json(await other.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.Conflict);
        Assert.Equal("coder", (string)refused["holder"]!);

        // The view: the note, and evidence that is exactly the note's text at its offsets.
        var view = await Json(await coder.GetAsync($"/api/encounters/{id}"), HttpStatusCode.OK);
        var note = (string)view["note"]!;
        Assert.Equal(ReviewHost.ApiNote, note);
        Assert.True((bool)view["claim"]!["mine"]!);
        foreach (var s in view["suggestions"]!.AsArray())
            foreach (var e in s!["evidence"]!.AsArray())
                Assert.False(string.IsNullOrWhiteSpace(note[(int)e!["start"]!..(int)e["end"]!]));
        var fever = Suggestion(view, "R50.9");
        var hypertension = Suggestion(view, "I10");
        Assert.Equal("Fever", note[(int)fever["evidence"]![0]!["start"]!..(int)fever["evidence"]![0]!["end"]!]);
        Assert.Equal("Essential (primary) hypertension", (string)hypertension["codebook"]!["title"]!);

        // Accept; reject needs a reason from the list; modify needs a valid billable code of the release in force.
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)hypertension["id"]!, action = "accept" }), HttpStatusCode.OK);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)fever["id"]!, action = "reject" }), HttpStatusCode.BadRequest);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)fever["id"]!, action = "reject", reason = "because" }), HttpStatusCode.BadRequest);
        var header = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)fever["id"]!, action = "modify", code = "R50" }), HttpStatusCode.BadRequest);
        Assert.Contains("header", (string)header["error"]!, StringComparison.Ordinal);
        var unknown = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)fever["id"]!, action = "modify", code = "Z99.89" }), HttpStatusCode.BadRequest);
        Assert.Contains("not in", (string)unknown["error"]!, StringComparison.Ordinal);
        var modified = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)fever["id"]!, action = "modify", code = "r502" }), HttpStatusCode.OK);
        Assert.Equal("Modified", (string)modified["status"]!);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)fever["id"]!, action = "accept" }), HttpStatusCode.Conflict);

        // Add: the span must be inside the note and be exactly the text the coder selected.
        var start = note.IndexOf("Antipyretics", StringComparison.Ordinal);
        var outside = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/additions", new { system = "icd10cm", code = "J18.9", start = note.Length - 2, end = note.Length + 5, text = "x" }), HttpStatusCode.BadRequest);
        Assert.Contains("not inside the note", (string)outside["error"]!, StringComparison.Ordinal);
        var mismatch = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/additions", new { system = "icd10cm", code = "J18.9", start, end = start + 12, text = "Antibiotics!" }), HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Antipyretics", (string)mismatch["error"]!, StringComparison.Ordinal);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/additions", new { system = "icd10cm", code = "E11.65", start, end = start + 12, text = "Antipyretics" }), HttpStatusCode.OK);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/additions", new { system = "icd10cm", code = "E11.65", start, end = start + 12, text = "Antipyretics" }), HttpStatusCode.Conflict);

        // Finalize waits for every suggestion to be decided; the other coder can neither decide nor finalize.
        var undecided = await Json(await coder.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.Conflict);
        Assert.Contains("undecided", (string)undecided["error"]!, StringComparison.Ordinal);
        await Json(await other.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.Conflict);
        var current = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Null(current["note"]);
        foreach (var s in current["suggestions"]!.AsArray().Where(s => (string)s!["status"]! == "Suggested"))
            await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)s!["id"]!, action = "reject", reason = "not-documented" }), HttpStatusCode.OK);
        var finalized = await Json(await coder.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.OK);
        Assert.Equal(3, (int)finalized["finalCodes"]!);   // I10 accepted, R50.2 replacing R50.9, E11.65 added
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)hypertension["id"]!, action = "reject", reason = "other" }), HttpStatusCode.Conflict);
        Assert.Equal(2, JsonNode.Parse(await coder.GetStringAsync("/api/queue"))!.AsArray().Count);

        // Export: the final codes as JSON and as a FHIR R4 Claim.
        var json = await Json(await coder.GetAsync($"/api/encounters/{id}/export?format=json"), HttpStatusCode.OK);
        // The engine made fever (the assessment's first condition) first-listed; its replacement R50.2 took the role over.
        Assert.Equal(["R50.2", "I10", "E11.65"], json["codes"]!.AsArray().Select(c => (string)c!["code"]!));
        Assert.Equal(["coder", "engine", "coder"], json["codes"]!.AsArray().Select(c => (string)c!["source"]!));
        var fhirResponse = await coder.GetAsync($"/api/encounters/{id}/export?format=fhir");
        Assert.Equal("application/fhir+json", fhirResponse.Content.Headers.ContentType!.MediaType);
        var fhir = JsonNode.Parse(await fhirResponse.Content.ReadAsStringAsync())!;
        Assert.Equal("Claim", (string)fhir["resourceType"]!);
        Assert.Equal(3, fhir["diagnosis"]!.AsArray().Count);
        Assert.Equal(FhirClaimExport.Icd10Cm, (string)fhir["diagnosis"]![0]!["diagnosisCodeableConcept"]!["coding"]![0]!["system"]!);

        // Audit: the note view and every decision, under the signed-in coder's name; never note text.
        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var audit = await db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Actor == "coder").ToListAsync();
        Assert.Contains(audit, a => a.Action == "note.read" && a.Role == "coder" && a.Detail!.Contains("view", StringComparison.Ordinal));
        Assert.Equal(1, audit.Count(a => a.Action == "review.accept"));
        Assert.Equal(1, audit.Count(a => a.Action == "review.modify"));
        Assert.Equal(1, audit.Count(a => a.Action == "review.add"));
        Assert.Equal(1, audit.Count(a => a.Action == "review.finalize"));
        Assert.True(audit.Count(a => a.Action == "review.reject") >= 1);
        Assert.All(audit, a => Assert.DoesNotContain("Antipyretics", a.Detail ?? "", StringComparison.Ordinal));
        var reviews = await db.Reviews.Where(r => r.EncounterId == id).ToListAsync();
        Assert.All(reviews, r => Assert.Equal("coder", r.Reviewer));
        Assert.Contains(reviews, r => r.Action == Core.Suggestions.ReviewAction.Modify && r.ReplacementCode == "R50.2");
    }

    [Fact]
    public async Task codebook_search_finds_billable_codes_of_the_release_in_force_and_guidance_is_served()
    {
        using var coder = await api.SignedInAsync("coder");
        var hits = JsonNode.Parse(await coder.GetStringAsync("/api/codebook/search?q=drug%20induced%20fever&date=2026-03-02"))!.AsArray();
        Assert.Equal("R50.2", (string)hits[0]!["display"]!);
        Assert.All(hits, h => Assert.True((bool)h!["billable"]!));
        Assert.Empty(JsonNode.Parse(await coder.GetStringAsync("/api/codebook/search?q=fever&date=2019-01-01"))!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await coder.GetAsync("/api/codebook/guidance?code=E11.9&date=2026-03-02")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coder.GetAsync("/api/queue?setting=spaceship")).StatusCode);
    }

    [Theory]
    [InlineData("%25")]
    [InlineData("_")]
    [InlineData("%5C")]
    [InlineData("(((")]
    [InlineData("%F0%9F%99%82")]
    public async Task codebook_search_answers_input_with_nothing_to_match_with_an_empty_list_not_a_server_error(string q)
    {
        using var coder = await api.SignedInAsync("coder");
        var response = await coder.GetAsync($"/api/codebook/search?q={q}&date=2026-03-02");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray());
    }
}
