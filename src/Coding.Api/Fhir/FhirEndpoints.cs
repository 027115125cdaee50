using System.Text;
using Coding.Api.Auth;
using Coding.Api.Ingest;
using Coding.Core.Fhir;
using Coding.Core.Ingest;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace Coding.Api.Fhir;

/// <summary>
/// POST /fhir/Bundle: one encounter as a FHIR R4 Bundle (transaction or collection), read by <see cref="FhirBundleReader"/>
/// and then validated and stored by the same EncounterValidator and EncounterIngestor as JSONL and POST /api/encounters.
/// Answers are OperationOutcomes: 201 created, 200 already stored with the same note, 409 the id holds another note,
/// 400 with one issue per refusal (element and rule, never a value), 413 too large, 415 not FHIR JSON. Role ingest or admin.
/// </summary>
public static class FhirEndpoints
{
    private const string FhirJson = "application/fhir+json";
    private static readonly FhirJsonSerializer Serializer = new();

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        app.MapPost("/fhir/Bundle", IngestAsync).RequireAuthorization(Policies.Ingest);
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext http, EncounterIngestor ingestor, IOptions<IngestOptions> ingest,
        IOptions<HttpIngestOptions> limits, TimeProvider clock, CancellationToken ct)
    {
        var max = limits.Value.MaxRequestBytes;
        if (http.Request.ContentLength > max)
            return Outcome(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, "Bundle", $"request body is over the limit of {max} bytes");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = max;
        var type = http.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(type, FhirJson, StringComparison.OrdinalIgnoreCase) && !string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase))
            return Outcome(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported, "Bundle", "Content-Type must be application/fhir+json");

        string json;
        try
        {
            var (bytes, bad) = await IngestEndpoints.ReadBodyAsync(http.Request, ct);
            if (bad >= 0)
                return Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "Bundle", $"body is not valid UTF-8 (bad byte at offset {bad})");
            json = Encoding.UTF8.GetString(bytes.Span);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Outcome(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, "Bundle", $"request body is over the limit of {max} bytes");
        }

        var (input, issues) = FhirBundleReader.Read(json);
        if (input is null)
            return Outcome(StatusCodes.Status400BadRequest, issues.Select(i => (OperationOutcome.IssueType.Invalid, i.Expression, i.Reason)));
        var (valid, error) = EncounterValidator.Validate(input, ingest.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (valid is null)
            return Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, FhirBundleReader.PathOf(error!), error!);

        var result = (await ingestor.IngestAsync([valid], http.Actor(), ct))[0];
        var said = $"encounter {result.ExternalId} ({result.EncounterId})";
        return result.Outcome switch
        {
            IngestOutcome.Created => Outcome(StatusCodes.Status201Created, OperationOutcome.IssueType.Informational, "Encounter", $"{said} stored and queued for coding",
                location: $"/api/encounters/{result.EncounterId}"),
            IngestOutcome.Duplicate => Outcome(StatusCodes.Status200OK, OperationOutcome.IssueType.Duplicate, "Encounter", $"{said} is already stored with the same note"),
            _ => Outcome(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, "Encounter.identifier",
                $"{said} is already stored with a different note; amendments are not applied"),
        };
    }

    private static IResult Outcome(int status, OperationOutcome.IssueType type, string expression, string diagnostics, string? location = null) =>
        Outcome(status, [(type, expression, diagnostics)], location);

    private static IResult Outcome(int status, IEnumerable<(OperationOutcome.IssueType Type, string Expression, string Diagnostics)> issues, string? location = null)
    {
        var severity = status < 300 ? OperationOutcome.IssueSeverity.Information : OperationOutcome.IssueSeverity.Error;
        var outcome = new OperationOutcome
        {
            Issue = issues.Select(i => new OperationOutcome.IssueComponent
            {
                Severity = severity,
                Code = i.Type,
                Diagnostics = i.Diagnostics,
                Expression = [i.Expression],
            }).ToList(),
        };
        return new FhirResult(Serializer.SerializeToString(outcome), status, location);
    }

    /// <summary>FHIR JSON with its status and, for a created encounter, its Location.</summary>
    private sealed class FhirResult(string body, int status, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (location is not null)
                http.Response.Headers.Location = location;
            http.Response.ContentType = FhirJson;
            return http.Response.WriteAsync(body);
        }
    }
}
