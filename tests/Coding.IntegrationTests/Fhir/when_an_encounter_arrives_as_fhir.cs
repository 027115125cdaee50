using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Coding.Core.Data;
using Coding.Core.Encounters;
using Coding.IntegrationTests.Web;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Coding.IntegrationTests.Web.ReviewJson;
using static Coding.UnitTests.Fhir.FhirBundles;
using Task = System.Threading.Tasks.Task;

namespace Coding.IntegrationTests.Fhir;

/// <summary>
/// FHIR in and out on the real host and database: a Bundle posted to /fhir/Bundle is stored like any ingested encounter
/// (note and identifiers sealed, audited), coded, reviewed, finalized and exported as a Claim that carries the same
/// account back; refusals are OperationOutcomes that never quote the Bundle.
/// </summary>
public sealed class when_an_encounter_arrives_as_fhir(ReviewHost api) : IClassFixture<ReviewHost>
{
    private static readonly string[] Secrets = ["Zelda", "Quux", "MRN-0042", "ACCT-77", "heart failure"];

    private static StringContent Fhir(JsonNode bundle) => new(bundle.ToJsonString(), Encoding.UTF8, "application/fhir+json");

    private static async Task<OperationOutcome> OutcomeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var secret in Secrets)
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        return new FhirJsonDeserializer().Deserialize<OperationOutcome>(body);
    }

    [Fact]
    public async Task a_bundle_is_stored_sealed_coded_and_comes_back_as_a_claim_with_the_same_account()
    {
        using var ingest = await api.SignedInAsync("ingest");
        var created = await ingest.PostAsync("/fhir/Bundle", Fhir(Valid("transaction")));
        await OutcomeAsync(created, HttpStatusCode.Created);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        // The same Bundle again changes nothing; another note under the same encounter id is refused.
        await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", Fhir(Valid("collection"))), HttpStatusCode.OK);
        var amended = Valid();
        amended["entry"]![2]!["resource"] = Document(Note + " Amended.");
        await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", Fhir(amended)), HttpStatusCode.Conflict);

        await using (var scope = api.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
            var stored = await db.Encounters.AsNoTracking().SingleAsync(e => e.Id == id);
            Assert.Equal(("FHIR-ENC-1", CareSetting.Inpatient, new DateOnly(2026, 3, 4), 71, PatientSex.Female),
                (stored.ExternalId, stored.Setting, stored.DateOfService, stored.PatientAgeYears, stored.PatientSex));
            Assert.Equal((new DateTimeOffset(2026, 3, 2, 3, 15, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero)),
                (stored.AdmittedAt, stored.DischargedAt));
            Assert.Equal(("Acme Health Plan", "Dr. Ada Osler", "snf"), (stored.Payer, stored.Attending, stored.DischargeDisposition));
            // Identifiers are sealed like the note: neither MRN nor account number is readable in the row.
            var sealedIds = Encoding.Latin1.GetString(stored.IdentifiersCiphertext!);
            Assert.DoesNotContain("MRN-0042", sealedIds, StringComparison.Ordinal);
            Assert.DoesNotContain("ACCT-77", sealedIds, StringComparison.Ordinal);
            Assert.DoesNotContain("Zelda", Encoding.Latin1.GetString((await db.Notes.SingleAsync(n => n.EncounterId == id)).Ciphertext), StringComparison.Ordinal);
        }
        await api.CodeAsync("FHIR-ENC-1", id, new DateOnly(2026, 3, 4));

        // The coder sees the account in the queue (MRN) and the encounter (MRN and account number), each read audited.
        using var coder = await api.SignedInAsync("coder");
        var row = (await Json(await coder.GetAsync("/api/queue"), HttpStatusCode.OK)).AsArray().Single(r => (string)r!["externalId"]! == "FHIR-ENC-1")!;
        Assert.Equal(("MRN-0042", "Acme Health Plan"), ((string)row["context"]!["mrn"]!, (string)row["context"]!["payer"]!));
        Assert.Null((string?)row["context"]!["accountNumber"]);
        await Json(await coder.PostAsync($"/api/encounters/{id}/claim", null), HttpStatusCode.OK);
        var view = await Json(await coder.GetAsync($"/api/encounters/{id}"), HttpStatusCode.OK);
        Assert.Equal(("MRN-0042", "ACCT-77", "snf"), ((string)view["context"]!["mrn"]!, (string)view["context"]!["accountNumber"]!, (string)view["context"]!["dischargeDisposition"]!));
        // The suggestions alone (read after each decision) carry no identifiers.
        Assert.Null((string?)(await Json(await coder.GetAsync($"/api/encounters/{id}/suggestions"), HttpStatusCode.OK))["context"]!["mrn"]);

        var suggestions = view["suggestions"]!.AsArray().Select(s => s!).ToList();
        Assert.NotEmpty(suggestions);
        foreach (var s in suggestions)
            await Json(await coder.PostAsJsonAsync($"/api/encounters/{id}/decisions", new { suggestionId = (string)s["id"]!, action = "accept" }), HttpStatusCode.OK);
        await Json(await coder.PostAsync($"/api/encounters/{id}/finalize", null), HttpStatusCode.OK);

        var exported = await coder.GetAsync($"/api/encounters/{id}/export?format=fhir&download=true");
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("attachment; filename=\"FHIR-ENC-1-claim.fhir.json\"", exported.Content.Headers.ContentDisposition?.ToString());
        var claim = new FhirJsonDeserializer().Deserialize<Claim>(await exported.Content.ReadAsStringAsync());
        Assert.Equal("MRN-0042", claim.Patient!.Identifier!.Value);
        Assert.Equal(["FHIR-ENC-1", "ACCT-77"], claim.Identifier.Select(i => i.Value));
        Assert.Equal(("2026-03-01T22:15:00-05:00", "2026-03-04T11:00:00-05:00"),
            (DateTimeOffset.Parse(claim.BillablePeriod!.Start!).ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
             DateTimeOffset.Parse(claim.BillablePeriod.End!).ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz")));
        Assert.Equal("Acme Health Plan", claim.Insurance[0].Coverage!.Display);
        Assert.Equal("snf", claim.SupportingInfo.Single().Code!.Coding[0].Code);
        var icd = suggestions.Where(s => (string)s["system"]! == "Icd10Cm").Select(s => (string)s["code"]!).Order();
        Assert.Equal(icd, claim.Diagnosis.Select(d => ((CodeableConcept)d.Diagnosis).Coding[0].Code).Order());
        Assert.Equal([.. Enumerable.Range(1, claim.Diagnosis.Count)], claim.Diagnosis.Select(d => d.Sequence!.Value));
        Assert.Equal("principal", claim.Diagnosis[0].Type.Single().Coding[0].Code);

        await using (var scope = api.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CodingDbContext>();
            var reads = await db.AuditEntries.Where(a => a.Action == "identifiers.read").Select(a => a.Detail).ToListAsync();
            Assert.Contains(reads, d => d!.Contains("\"queue\"", StringComparison.Ordinal) && d.Contains(id.ToString(), StringComparison.Ordinal));
            Assert.Contains(reads, d => d!.Contains("\"view\"", StringComparison.Ordinal));
            Assert.Contains(reads, d => d!.Contains("\"export\"", StringComparison.Ordinal));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "note.write" && a.EntityId == id.ToString() && a.Actor == "ingest"));
        }
    }

    [Fact]
    public async Task bundles_with_missing_parts_wrong_types_or_base64_garbage_are_refused_as_operation_outcomes_that_quote_nothing()
    {
        using var ingest = await api.SignedInAsync("ingest");
        var before = await EncounterCountAsync();
        var noPatient = await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", Fhir(Bundle("transaction", Encounter(), Document()))), HttpStatusCode.BadRequest);
        Assert.Equal("Bundle.entry.resource.ofType(Patient)", noPatient.Issue.Single().Expression.Single());
        Assert.Equal(OperationOutcome.IssueSeverity.Error, noPatient.Issue.Single().Severity);

        var garbage = Valid();
        garbage["entry"]![2]!["resource"]!["content"]![0]!["attachment"]!["data"] = "Zelda Quux has heart failure!!";
        Assert.StartsWith("not valid FHIR R4 JSON", (await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", Fhir(garbage)), HttpStatusCode.BadRequest)).Issue[0].Diagnostics,
            StringComparison.Ordinal);

        var wrongType = Valid();
        wrongType["entry"]![0]!["resource"]!["gender"] = new JsonObject { ["text"] = "Zelda Quux" };
        await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", Fhir(wrongType)), HttpStatusCode.BadRequest);

        // The reader passes it, the shared validator refuses it, and the issue points at the Bundle element.
        var ub04 = Valid();
        ub04["entry"]![1]!["resource"]!["hospitalization"]!["dischargeDisposition"]!["coding"]![0]!["code"] = "03";
        var refused = await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", Fhir(ub04)), HttpStatusCode.BadRequest);
        Assert.Equal("Encounter.hospitalization.dischargeDisposition", refused.Issue[0].Expression.Single());
        Assert.StartsWith("dischargeDisposition must be one of", refused.Issue[0].Diagnostics, StringComparison.Ordinal);

        await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        var latin1 = new ByteArrayContent([.. Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"x\":\""), 0xE9, .. "\"}"u8]);
        latin1.Headers.ContentType = new("application/fhir+json");
        await OutcomeAsync(await ingest.PostAsync("/fhir/Bundle", latin1), HttpStatusCode.BadRequest);

        // Nothing of these was stored; and a coder may not post at all.
        Assert.Equal(before, await EncounterCountAsync());
        using var coder = await api.SignedInAsync("coder");
        Assert.Equal(HttpStatusCode.Forbidden, (await coder.PostAsync("/fhir/Bundle", Fhir(Valid()))).StatusCode);
    }

    private async Task<int> EncounterCountAsync()
    {
        await using var scope = api.Scope();
        return await scope.ServiceProvider.GetRequiredService<CodingDbContext>().Encounters.CountAsync();
    }

    [Fact]
    public async Task the_http_ingest_takes_the_same_account_context_and_refuses_a_bad_one_without_echoing_it()
    {
        using var ingest = await api.SignedInAsync("ingest");
        var body = new
        {
            externalId = "CTX-1", setting = "inpatient", dateOfService = "2026-03-04", patientAge = 70, patientSex = "M", note = "ASSESSMENT: Essential hypertension.",
            mrn = "MRN-9001", accountNumber = "ACCT-9001", payer = "Medicare", admitAt = "2026-03-01T08:00:00Z", dischargeAt = "2026-03-04T12:00:00Z",
            attending = "Dr. Lee", dischargeDisposition = "home",
        };
        Assert.Equal(HttpStatusCode.Created, (await ingest.PostAsJsonAsync("/api/encounters", body)).StatusCode);
        var bad = await ingest.PostAsJsonAsync("/api/encounters", body);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var refused = await ingest.PostAsJsonAsync("/api/encounters", new { body.externalId, body.setting, body.dateOfService, body.note, mrn = "123 45 6789" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("mrn must be", text, StringComparison.Ordinal);
        Assert.DoesNotContain("6789", text, StringComparison.Ordinal);

        await using var scope = api.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<CodingDbContext>().Encounters.AsNoTracking().SingleAsync(e => e.ExternalId == "CTX-1");
        Assert.Equal(("Medicare", "home"), (stored.Payer, stored.DischargeDisposition));
        Assert.NotNull(stored.IdentifiersCiphertext);
    }
}
