using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Coding.Core.Data;
using Coding.Core.Fhir;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coding.IntegrationTests.Web.ReviewJson;

namespace Coding.IntegrationTests.Web;

/// <summary>
/// US claims through the coder's API on the real host and database: the principal (inpatient) or first-listed (outpatient,
/// ED) diagnosis is chosen, listed first, kept to one per set and exported first; inpatient diagnoses take a POA indicator.
/// The tests do not assume which code the engine made the lead: they move the role themselves.
/// </summary>
public sealed class when_a_coder_orders_the_claim(ReviewHost api) : IClassFixture<ReviewHost>
{
    private static List<JsonNode> Diagnoses(JsonNode view) =>
        view["suggestions"]!.AsArray().Select(s => s!).Where(s => (string)s["system"]! == "Icd10Cm").ToList();

    private static string[] Leads(JsonNode view) =>
        view["suggestions"]!.AsArray().Where(s => (string)s!["role"]! != "Secondary").Select(s => (string)s!["code"]!).ToArray();

    private async Task<int> LeadsInDatabaseAsync(Guid encounterId)
    {
        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        return await db.Suggestions.CountAsync(s => s.EncounterId == encounterId && s.Role != DiagnosisRole.Secondary);
    }

    [Fact]
    public async Task an_inpatient_principal_is_chosen_listed_first_given_poa_and_exported_first()
    {
        var id = api.Encounters["WEB-1"];
        using var coder = await api.SignedInAsync("coder");
        using var other = await api.SignedInAsync("coder2");
        string Url(JsonNode s, string what) => $"/api/encounters/{id}/suggestions/{(string)s["id"]!}/{what}";

        var view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        var hypertension = Suggestion(view, "I10");
        // Diagnoses the engine did not make principal, so each choice below moves the role.
        var others = Diagnoses(view).Where(s => (string)s["code"]! != "I10" && (string)s["role"]! == "Secondary").ToList();
        Assert.True(others.Count >= 2, $"{others.Count} other diagnoses");
        var (first, spare) = (others[0], others[1]);
        var firstCode = (string)first["code"]!;

        // Choosing needs the claim, like every other review action.
        await Json(await coder.PostAsync(Url(first, "principal"), null), HttpStatusCode.Conflict);
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        await Json(await other.PostAsync(Url(first, "principal"), null), HttpStatusCode.Conflict);

        // The chosen diagnosis is listed first as Principal; choosing another moves the role: one per set, always.
        await Json(await coder.PostAsync(Url(first, "principal"), null), HttpStatusCode.OK);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Equal((firstCode, "Principal"), ((string)view["suggestions"]![0]!["code"]!, (string)view["suggestions"]![0]!["role"]!));
        Assert.Equal([firstCode], Leads(view));
        await Json(await coder.PostAsync(Url(hypertension, "principal"), null), HttpStatusCode.OK);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Equal("I10", (string)view["suggestions"]![0]!["code"]!);
        Assert.Equal(["I10"], Leads(view));
        Assert.Equal(1, await LeadsInDatabaseAsync(id));

        // A rejected code cannot be principal; nor can a suggestion of another encounter.
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions",
            new { suggestionId = (string)spare["id"]!, action = "reject", reason = "not-documented" }), HttpStatusCode.OK);
        var rejected = await Json(await coder.PostAsync(Url(spare, "principal"), null), HttpStatusCode.Conflict);
        Assert.Contains("rejected", (string)rejected["error"]!, StringComparison.Ordinal);
        await Json(await coder.PostAsync($"/api/encounters/{id}/suggestions/{Guid.NewGuid()}/principal", null), HttpStatusCode.NotFound);

        // POA: Y, N, U, W or exempt on inpatient diagnoses; anything else refused; null clears; a rejected code takes none.
        await Json(await coder.PutAsJsonAsync(Url(hypertension, "poa"), new { poa = "Y" }), HttpStatusCode.OK);
        await Json(await coder.PutAsJsonAsync(Url(first, "poa"), new { poa = "exempt" }), HttpStatusCode.OK);
        await Json(await coder.PutAsJsonAsync(Url(first, "poa"), new { poa = "maybe" }), HttpStatusCode.BadRequest);
        await Json(await coder.PutAsJsonAsync(Url(spare, "poa"), new { poa = "N" }), HttpStatusCode.Conflict);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Equal("Yes", (string)Suggestion(view, "I10")["poa"]!);
        Assert.Equal("Exempt", (string)Suggestion(view, firstCode)["poa"]!);
        // The refused change left the rejected code's indicator as the engine set it.
        Assert.Equal((string?)spare["poa"], (string?)Suggestion(view, (string)spare["code"]!)["poa"]);

        // Finalize, then export: the principal first, with its POA letter (JSON) and onAdmission (FHIR).
        foreach (var s in view["suggestions"]!.AsArray().Where(s => (string)s!["status"]! == "Suggested"))
        {
            var keep = (string)s!["code"]! == "I10" || (string)s["code"]! == firstCode;
            await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions",
                keep ? new { suggestionId = (string)s["id"]!, action = "accept", reason = (string?)null }
                     : new { suggestionId = (string)s["id"]!, action = "reject", reason = (string?)"not-documented" }), HttpStatusCode.OK);
        }
        await Json(await coder.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.OK);
        var json = await Json(await coder.GetAsync($"/api/encounters/{id}/export?format=json"), HttpStatusCode.OK);
        var codes = json["codes"]!.AsArray();
        Assert.Equal(("I10", "Principal", "Yes", "Y", 1), ((string)codes[0]!["code"]!, (string)codes[0]!["role"]!, (string)codes[0]!["poa"]!,
            (string)codes[0]!["poaIndicator"]!, (int)codes[0]!["sequence"]!));
        Assert.Equal(2, codes.Count);
        Assert.Equal((firstCode, "Secondary", ""), ((string)codes[1]!["code"]!, (string)codes[1]!["role"]!, (string)codes[1]!["poaIndicator"]!));
        var fhir = JsonNode.Parse(await coder.GetStringAsync($"/api/encounters/{id}/export?format=fhir"))!["diagnosis"]!.AsArray();
        Assert.Equal("I10", (string)fhir[0]!["diagnosisCodeableConcept"]!["coding"]![0]!["code"]!);
        Assert.Equal("principal", (string)fhir[0]!["type"]![0]!["coding"]![0]!["code"]!);
        Assert.Equal((FhirClaimExport.OnAdmission, "y"),
            ((string)fhir[0]!["onAdmission"]!["coding"]![0]!["system"]!, (string)fhir[0]!["onAdmission"]!["coding"]![0]!["code"]!));
        Assert.Null(fhir[1]!["onAdmission"]);

        // Audited like every other review action, under the coder's name.
        await using var scope = api.Scope();
        var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
        var audit = await db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Actor == "coder").ToListAsync();
        Assert.Equal(2, audit.Count(a => a.Action == "review.lead"));
        Assert.Equal(2, audit.Count(a => a.Action == "review.poa"));
        Assert.Contains(audit, a => a.Action == "review.lead" && a.Detail!.Contains((string)first["id"]!, StringComparison.Ordinal)
            && a.Detail.Contains((string)hypertension["id"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_emergency_first_listed_diagnosis_follows_its_replacement_and_finalizing_never_leaves_a_claim_without_one()
    {
        var id = api.Encounters["API-2"];
        using var coder = await api.SignedInAsync("coder");
        string Url(JsonNode s, string what) => $"/api/encounters/{id}/suggestions/{(string)s["id"]!}/{what}";
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        var view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        var fever = Suggestion(view, "R50.9");

        // No POA outside inpatient care.
        var poa = await Json(await coder.PutAsJsonAsync(Url(fever, "poa"), new { poa = "Y" }), HttpStatusCode.BadRequest);
        Assert.Contains("inpatient", (string)poa["error"]!, StringComparison.Ordinal);

        // First-listed, not principal, in the ED; a replacement of the first-listed code takes the role over.
        await Json(await coder.PostAsync(Url(fever, "principal"), null), HttpStatusCode.OK);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Equal(["R50.9"], Leads(view));
        Assert.Equal("FirstListed", (string)Suggestion(view, "R50.9")["role"]!);
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions",
            new { suggestionId = (string)fever["id"]!, action = "modify", code = "R50.2" }), HttpStatusCode.OK);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Equal(["R50.2"], Leads(view));
        Assert.Equal("R50.2", (string)view["suggestions"]![0]!["code"]!);
        Assert.Equal(1, await LeadsInDatabaseAsync(id));

        // A coder's own addition starts secondary.
        var note = ReviewHost.ApiNote + " Lobar pneumonia.";
        var start = note.IndexOf("Antipyretics", StringComparison.Ordinal);
        var added = await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/additions",
            new { system = "icd10cm", code = "E11.65", start, end = start + 12, text = "Antipyretics" }), HttpStatusCode.OK);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Equal("Secondary", (string)view["suggestions"]!.AsArray().Single(s => (string)s!["id"]! == (string)added["suggestionId"]!)!["role"]!);

        // Rejecting the first-listed code leaves none; finalizing makes the first remaining diagnosis first-listed.
        var replacement = Suggestion(view, "R50.2");
        await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions",
            new { suggestionId = (string)replacement["id"]!, action = "reject", reason = "less-specific" }), HttpStatusCode.OK);
        view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        Assert.Empty(Leads(view));
        foreach (var s in view["suggestions"]!.AsArray().Where(s => (string)s!["status"]! == "Suggested"))
            await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)s!["id"]!, action = "accept" }), HttpStatusCode.OK);
        var expected = view["suggestions"]!.AsArray().First(s => (string)s!["system"]! == "Icd10Cm" && (string)s["status"]! is "Suggested" or "Added")!;
        await Json(await coder.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.OK);
        var json = await Json(await coder.GetAsync($"/api/encounters/{id}/export?format=json"), HttpStatusCode.OK);
        Assert.Equal(((string)expected["code"]!, "FirstListed"), ((string)json["codes"]![0]!["code"]!, (string)json["codes"]![0]!["role"]!));
        Assert.Equal(1, json["codes"]!.AsArray().Count(c => (string)c!["role"]! != "Secondary"));
        var fhir = JsonNode.Parse(await coder.GetStringAsync($"/api/encounters/{id}/export?format=fhir"))!["diagnosis"]!.AsArray();
        Assert.Equal((string)expected["code"]!, (string)fhir[0]!["diagnosisCodeableConcept"]!["coding"]![0]!["code"]!);
        Assert.All(fhir, d => Assert.Null(d!["onAdmission"]));
    }

    [Fact]
    public async Task racing_choices_leave_exactly_one_first_listed_diagnosis()
    {
        var id = api.Encounters["API-1"];
        using var coder = await api.SignedInAsync("coder");
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        var view = await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK);
        var diagnoses = Diagnoses(view);
        Assert.True(diagnoses.Count >= 2, $"{diagnoses.Count} diagnoses");

        for (var round = 0; round < 5; round++)
        {
            var responses = await Task.WhenAll(diagnoses.Select(d => coder.PostAsync($"/api/encounters/{id}/suggestions/{(string)d["id"]!}/principal", null)));
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal(1, await LeadsInDatabaseAsync(id));
        }
    }
}
