using System.Text.Json.Nodes;
using Coding.Core.Encounters;
using Coding.Core.Suggestions;

namespace Coding.Core.Reviewing;

/// <summary>
/// Finalized codes as a FHIR R4 Claim (status draft: billing completes patient, coverage and provider, which this system
/// does not hold). ICD-10-CM codes are diagnoses, ICD-10-PCS codes procedures, CPT and HCPCS codes line items.
/// Written with System.Text.Json nodes: no FHIR SDK is on the package mirror, and the shape is small.
/// </summary>
public static class FhirClaimExport
{
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10Pcs = "http://www.cms.gov/Medicare/Coding/ICD10";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string Hcpcs = "urn:oid:2.16.840.1.113883.6.285";
    public const string DiagnosisType = "http://terminology.hl7.org/CodeSystem/ex-diagnosistype";
    public const string OnAdmission = "http://terminology.hl7.org/CodeSystem/ex-diagnosis-on-admission";

    /// <summary>Identifier system for the source system's encounter id (sites map it to their own namespace).</summary>
    public const string EncounterIdSystem = "urn:coding:encounter-external-id";

    public static string SystemUri(CodeSystem system) => system switch
    {
        CodeSystem.Icd10Cm => Icd10Cm,
        CodeSystem.Icd10Pcs => Icd10Pcs,
        CodeSystem.Cpt => Cpt,
        CodeSystem.Hcpcs => Hcpcs,
        _ => throw new ArgumentOutOfRangeException(nameof(system)),
    };

    public static JsonObject ToClaim(FinalizedEncounter e)
    {
        var diagnoses = ClaimOrder(e.Codes.Where(c => c.System == CodeSystem.Icd10Cm).ToList());
        var procedures = e.Codes.Where(c => c.System == CodeSystem.Icd10Pcs).ToList();
        var items = e.Codes.Where(c => c.System is CodeSystem.Cpt or CodeSystem.Hcpcs).ToList();
        var institutional = e.Setting is CareSetting.Inpatient or CareSetting.Observation;
        var date = e.DateOfService.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var claim = new JsonObject
        {
            ["resourceType"] = "Claim",
            ["id"] = e.EncounterId.ToString(),
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = EncounterIdSystem, ["value"] = e.ExternalId }),
            ["status"] = "draft",
            ["type"] = Concept("http://terminology.hl7.org/CodeSystem/claim-type", institutional ? "institutional" : "professional", null),
            ["use"] = "claim",
            ["patient"] = new JsonObject { ["display"] = "patient of encounter " + e.ExternalId },
            ["billablePeriod"] = new JsonObject { ["start"] = date, ["end"] = date },
            ["created"] = e.FinalizedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["enterer"] = new JsonObject { ["display"] = e.FinalizedBy },
            ["provider"] = new JsonObject { ["display"] = "to be completed by billing" },
            ["priority"] = Concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null),
            ["insurance"] = new JsonArray(new JsonObject { ["sequence"] = 1, ["focal"] = true, ["coverage"] = new JsonObject { ["display"] = "to be completed by billing" } }),
        };
        if (diagnoses.Count > 0)
        {
            claim["diagnosis"] = new JsonArray(diagnoses.Select((c, i) =>
            {
                var d = new JsonObject { ["sequence"] = i + 1, ["diagnosisCodeableConcept"] = Concept(SystemUri(c.System), c.Code, c.Description) };
                // ex-diagnosistype has no "first-listed": the outpatient first-listed diagnosis is typed principal too.
                if (i == 0)
                    d["type"] = new JsonArray(Concept(DiagnosisType, "principal", null));
                // POA belongs to inpatient claims; exempt codes are reported without one, and so is a POA never recorded.
                if (e.Setting == CareSetting.Inpatient && c.Poa is { } poa && poa != PresentOnAdmission.Exempt)
                    d["onAdmission"] = Concept(OnAdmission, poa.Letter().ToLowerInvariant(), null);
                return (JsonNode)d;
            }).ToArray());
        }
        if (procedures.Count > 0)
        {
            claim["procedure"] = new JsonArray(procedures.Select((c, i) => (JsonNode)new JsonObject
            {
                ["sequence"] = i + 1,
                ["date"] = date,
                ["procedureCodeableConcept"] = Concept(SystemUri(c.System), c.Code, c.Description),
            }).ToArray());
        }
        if (items.Count > 0)
        {
            claim["item"] = new JsonArray(items.Select((c, i) => (JsonNode)new JsonObject
            {
                ["sequence"] = i + 1,
                ["productOrService"] = Concept(SystemUri(c.System), c.Code, c.Description),
                ["servicedDate"] = date,
            }).ToArray());
        }
        return claim;
    }

    /// <summary>
    /// The principal / first-listed diagnosis first, the rest in their export order. Codes finalized before roles were
    /// stored have no lead: their first diagnosis is the principal one, as it always was.
    /// </summary>
    private static List<FinalCode> ClaimOrder(List<FinalCode> diagnoses) =>
        diagnoses.OrderBy(c => c.Role == DiagnosisRole.Secondary).ThenBy(c => c.Sequence).ToList();

    private static JsonObject Concept(string system, string code, string? display)
    {
        var coding = new JsonObject { ["system"] = system, ["code"] = code };
        if (display is not null)
            coding["display"] = display;
        return new JsonObject { ["coding"] = new JsonArray(coding) };
    }
}
