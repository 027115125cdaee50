using System.Globalization;
using Coding.Api.Auth;
using Coding.Core.Codebooks.Parsing;
using Coding.Core.Codebooks.Retrieval;
using Coding.Core.Encounters;
using Coding.Core.Fhir;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Microsoft.Extensions.Options;

namespace Coding.Api.Review;

/// <summary>
/// The coder's API: queue, claim, the encounter view, decisions, additions, principal / first-listed diagnosis and POA,
/// finalize, export, codebook search.
/// </summary>
public static class ReviewEndpoints
{
    public sealed record DecisionRequest(Guid SuggestionId, string? Action, string? Reason, string? System, string? Code);

    public sealed record AdditionRequest(string? System, string? Code, int Start, int End, string? Text);

    /// <summary>Y, N, U, W or exempt (E, 1 and blank mean exempt too, as on the claim form); null clears the indicator.</summary>
    public sealed record PoaRequest(string? Poa);

    /// <summary>Reason: a code from <c>/api/holds/reasons</c>; Note: the coder's own words, required for "other".</summary>
    public sealed record HoldRequest(string? Reason, string? Note);

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Coding).AddEndpointFilter(ReviewErrors);

        api.MapGet("/queue", (ReviewQueue queue, HttpContext http, string? setting, string? from, string? to, string? family,
                double? minConfidence, double? maxConfidence, string? sort, bool? desc, CancellationToken ct) =>
            queue.ListAsync(new QueueQuery(
                ParseEnum<CareSetting>(setting, "setting"), ParseDate(from, "from"), ParseDate(to, "to"), family, minConfidence, maxConfidence,
                ParseEnum<QueueSort>(sort, "sort") ?? QueueSort.Age, desc ?? false), http.Actor(), ct));
        api.MapGet("/review/reasons", () => ReviewRules.RejectReasons);

        api.MapGet("/holds/reasons", () => HoldRules.Reasons);
        api.MapGet("/holds", (HoldService holds, string? reason, CancellationToken ct) => holds.ListAsync(reason, ct));

        var encounter = api.MapGroup("/encounters/{id:guid}");
        encounter.MapPost("/hold", async (Guid id, HoldRequest? body, HoldService holds, HttpContext http, CancellationToken ct) =>
        {
            await holds.HoldAsync(id, body?.Reason, body?.Note, http.Actor(), ct);
            return Results.NoContent();
        });
        encounter.MapDelete("/hold", async (Guid id, HoldService holds, HttpContext http, CancellationToken ct) =>
        {
            await holds.UnholdAsync(id, http.Actor(), ct);
            return Results.NoContent();
        });
        encounter.MapPost("/claim", async (Guid id, ClaimService claims, HttpContext http, CancellationToken ct) =>
        {
            var claim = await claims.ClaimAsync(id, http.Actor(), ct);
            return claim.Granted
                ? Results.Ok(claim)
                : Results.Json(new { error = $"claimed by {claim.Holder} until {claim.ExpiresAt:u}", claim.Holder, claim.ExpiresAt }, statusCode: StatusCodes.Status409Conflict);
        });
        encounter.MapDelete("/claim", async (Guid id, ClaimService claims, HttpContext http, CancellationToken ct) =>
            await claims.ReleaseAsync(id, http.Actor(), ct) ? Results.NoContent() : Results.NotFound(new { error = "you hold no claim on this encounter" }));
        // The note is decrypted only here, for the person viewing it, and the read is audited.
        encounter.MapGet("", (Guid id, ReviewService review, HttpContext http, CancellationToken ct) => review.ViewAsync(id, http.Actor(), withNote: true, ct));
        encounter.MapGet("/suggestions", (Guid id, ReviewService review, HttpContext http, CancellationToken ct) => review.ViewAsync(id, http.Actor(), withNote: false, ct));
        encounter.MapPost("/decisions", (Guid id, DecisionRequest body, ReviewService review, HttpContext http, CancellationToken ct) =>
            review.DecideAsync(id, new Decision(body.SuggestionId, ParseAction(body.Action), body.Reason, ParseSystem(body.System, required: false), body.Code), http.Actor(), ct));
        encounter.MapPost("/additions", (Guid id, AdditionRequest body, ReviewService review, HttpContext http, CancellationToken ct) =>
            review.AddAsync(id, new Addition(ParseSystem(body.System, required: true)!.Value, body.Code ?? "", body.Start, body.End, body.Text), http.Actor(), ct));
        var suggestion = encounter.MapGroup("/suggestions/{sid:guid}");
        suggestion.MapPost("/principal", (Guid id, Guid sid, ReviewService review, HttpContext http, CancellationToken ct) =>
            review.ChooseLeadAsync(id, sid, http.Actor(), ct));
        suggestion.MapPut("/poa", (Guid id, Guid sid, PoaRequest body, ReviewService review, HttpContext http, CancellationToken ct) =>
            review.SetPoaAsync(id, sid, ParsePoa(body.Poa), http.Actor(), ct));
        encounter.MapPost("/finalize", async (Guid id, ReviewService review, HttpContext http, CancellationToken ct) =>
            Results.Ok(new { finalCodes = await review.FinalizeAsync(id, http.Actor(), ct) }));
        encounter.MapGet("/export", async (Guid id, string? format, bool? download, ReviewService review, IOptions<FhirIdentifierSystems> systems,
            HttpContext http, CancellationToken ct) =>
        {
            var kind = format?.ToLowerInvariant() switch
            {
                null or "" or "json" => "json",
                "fhir" => "fhir",
                _ => null,
            };
            if (kind is null)
                return Results.BadRequest(new { error = "format must be json or fhir" });
            var finalized = await review.ExportAsync(id, http.Actor(), ct);
            // ?download=true: the browser saves a file named for the encounter instead of showing JSON in the tab.
            if (download == true)
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{finalized.ExternalId}-{(kind == "fhir" ? "claim.fhir" : "codes")}.json\"";
            return kind == "fhir"
                ? Results.Text(FhirClaimExport.ToJson(finalized, systems.Value), "application/fhir+json")
                : Results.Ok(finalized);
        });

        api.MapGet("/codebook/search", async (string? q, string? system, string? date, CodebookSearch codebooks, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(q) || q.Length > 200
                ? Results.BadRequest(new { error = "q must be 1-200 characters" })
                : Results.Ok(await codebooks.SearchAsync(new SearchQuery(q, ParseSystem(system, required: false), ParseDate(date, "date"), Top: 15, BillableOnly: true), ct)));
        api.MapGet("/codebook/guidance", async (string? code, string? system, string? date, CodebookSearch codebooks, CancellationToken ct) =>
        {
            var sys = ParseSystem(system, required: false) ?? CodeSystem.Icd10Cm;
            var day = ParseDate(date, "date");
            var info = string.IsNullOrWhiteSpace(code) ? null : (await codebooks.LookupAsync(code, sys, day, ct)).FirstOrDefault();
            if (info is null)
                return Results.NotFound(new { error = "code not found in the release in force" });
            // The sections that govern the code and its category's Tabular notes, best first (never another category's
            // notes: matching the same words, they would mislead beside this code).
            var guidelines = await codebooks.GuidelinesForCodeAsync(sys, info.Code, day, 3, ct);
            return Results.Ok(guidelines
                .Select(g => new { g.Source, g.SectionPath, g.Heading, g.Page, g.Code, g.Text }));
        });
        return app;
    }

    /// <summary>Review rule breaches become 404/400/409 with the rule's message (ids, codes and offsets only, never note text).</summary>
    private static async ValueTask<object?> ReviewErrors(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ReviewException e)
        {
            var status = e.Error switch
            {
                ReviewError.NotFound => StatusCodes.Status404NotFound,
                ReviewError.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Json(new { error = e.Message }, statusCode: status);
        }
    }

    private static ReviewAction ParseAction(string? action) => action?.ToLowerInvariant() switch
    {
        "accept" => ReviewAction.Accept,
        "reject" => ReviewAction.Reject,
        "modify" => ReviewAction.Modify,
        _ => throw new ReviewException(ReviewError.Invalid, "action must be accept, reject or modify (additions go to /additions)"),
    };

    private static PresentOnAdmission? ParsePoa(string? value) =>
        value is null ? null
        : ClaimIndicators.ParsePoa(value)
          ?? throw new ReviewException(ReviewError.Invalid, "poa must be Y, N, U, W or exempt (null clears it)");

    private static CodeSystem? ParseSystem(string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? throw new ReviewException(ReviewError.Invalid, "system is required (icd10cm, icd10pcs, cpt, hcpcs)") : null;
        if (Enum.TryParse<CodeSystem>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            return parsed;
        return CodeFormat.ParseSystem(value) ?? throw new ReviewException(ReviewError.Invalid, "system must be icd10cm, icd10pcs, cpt or hcpcs");
    }

    private static T? ParseEnum<T>(string? value, string name) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _) ? parsed
        : throw new ReviewException(ReviewError.Invalid, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}");

    private static DateOnly? ParseDate(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new ReviewException(ReviewError.Invalid, $"{name} must be yyyy-MM-dd");
}
