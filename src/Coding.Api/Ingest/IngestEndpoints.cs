using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Coding.Api.Auth;
using Coding.Core.Ingest;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Coding.Api.Ingest;

/// <summary>"Ingest" section, HTTP part.</summary>
public sealed class HttpIngestOptions
{
    /// <summary>Largest request body; bigger ones get 413 before they are read. 16 MB holds the largest note allowed, JSON-escaped.</summary>
    [Range(64 * 1024, 512L * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;
}

/// <summary>
/// POST /api/encounters: one encounter (the JSONL line's shape) or an array of them, all-or-nothing validation by the
/// same EncounterValidator and storage by the same EncounterIngestor as `coding ingest`. Role ingest or admin.
/// 201 created, 200 already stored (same note), 409 the id exists with a different note, 400 invalid (reasons name the
/// field, never the content), 413 too large.
/// </summary>
public static class IngestEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ItemError(int Index, string? ExternalId, string Reason);

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/encounters", IngestAsync).RequireAuthorization(Policies.Ingest);
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext http, EncounterIngestor ingestor, IOptions<IngestOptions> ingest, IOptions<HttpIngestOptions> limits,
        TimeProvider clock, CancellationToken ct)
    {
        var max = limits.Value.MaxRequestBytes;
        if (http.Request.ContentLength > max)
            return TooLarge(max);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = max;
        if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return Results.Json(new { error = "Content-Type must be application/json" }, statusCode: StatusCodes.Status415UnsupportedMediaType);

        List<EncounterInput?> inputs;
        try
        {
            // Read whole (the size limit above bounds it; the parser would buffer it anyway) so bad UTF-8 gets its own
            // reason and position, as `coding ingest` gives it, instead of a parse error somewhere in a string.
            var (bytes, bad) = await ReadBodyAsync(http.Request, ct);
            if (bad >= 0)
                return Results.BadRequest(new { error = $"body is not valid UTF-8 (bad byte at offset {bad})" });
            using var document = JsonDocument.Parse(bytes);
            inputs = document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => [document.RootElement.Deserialize<EncounterInput>(Json)],
                JsonValueKind.Array => document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? e.Deserialize<EncounterInput>(Json) : null).ToList(),
                _ => throw new JsonException("body is not an object or an array"),
            };
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }
        catch (JsonException e)
        {
            // JsonException's message can quote the offending token: report where, never what.
            return Results.BadRequest(new { error = $"malformed JSON at {e.Path ?? "$"} (line {e.LineNumber + 1}, byte {e.BytePositionInLine})" });
        }
        if (inputs.Count is 0 || inputs.Count > ingest.Value.BatchSize)
            return Results.BadRequest(new { error = $"send 1 to {ingest.Value.BatchSize} encounters per request" });

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var valid = new List<ValidEncounter>(inputs.Count);
        var errors = new List<ItemError>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not { } input)
            {
                errors.Add(new ItemError(i, null, "item is not a JSON object"));
                continue;
            }
            var (encounter, error) = EncounterValidator.Validate(input, ingest.Value, today);
            if (encounter is null)
                errors.Add(new ItemError(i, SafeId(input.ExternalId), error!));
            else
                valid.Add(encounter);
        }
        if (valid.GroupBy(v => v.ExternalId).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            errors.Add(new ItemError(inputs.FindLastIndex(x => x?.ExternalId == repeated.Key), repeated.Key, "externalId is repeated in this request"));
        if (errors.Count > 0)
            return Results.BadRequest(new { error = "nothing was stored: fix the listed items", items = errors });

        var results = await ingestor.IngestAsync(valid, http.Actor(), ct);
        var body = results.Select(r => new { r.ExternalId, r.EncounterId, outcome = r.Outcome.ToString().ToLowerInvariant() }).ToList();
        if (results.Any(r => r.Outcome == IngestOutcome.Conflict))
            return Results.Json(new { error = "an externalId is already stored with a different note; amendments are not applied", results = body }, statusCode: StatusCodes.Status409Conflict);
        if (results.All(r => r.Outcome == IngestOutcome.Duplicate))
            return Results.Ok(new { results = body });
        return results.Count == 1
            ? Results.Created($"/api/encounters/{results[0].EncounterId}", new { results = body })
            : Results.Json(new { results = body }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>Offset of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    /// <summary>A request body read whole, without its UTF-8 byte-order mark, and the offset of its first invalid UTF-8 byte (-1: none).</summary>
    internal readonly record struct Utf8Body(ReadOnlyMemory<byte> Bytes, int FirstInvalid);

    /// <summary>The body read whole (the caller's size limit bounds it), so bad UTF-8 gets its own reason and position.</summary>
    internal static async Task<Utf8Body> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        ReadOnlyMemory<byte> bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        return new Utf8Body(bytes, FirstInvalidUtf8(bytes.Span));
    }

    internal static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length;)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out var length) != OperationStatus.Done)
                return i;
            i += length;
        }
        return -1;
    }

    private static IResult TooLarge(long max) =>
        Results.Json(new { error = $"request body is over the limit of {max} bytes" }, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>An external id is echoed only when it has the id shape; anything else might be content.</summary>
    private static string? SafeId(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-') ? id : null;
}
