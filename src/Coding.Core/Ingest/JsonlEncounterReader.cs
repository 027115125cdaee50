using System.Text;
using System.Text.Json;

namespace Coding.Core.Ingest;

/// <summary>
/// Reads encounters from JSON Lines. Each line succeeds or fails on its own, with a reason that names the line and
/// the field but never quotes the content (it may be PHI).
/// </summary>
public static class JsonlEncounterReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = false };

    public sealed record Line(int Number, EncounterInput? Input, string? Error);

    /// <param name="maxLineBytes">Lines longer than this are refused without being buffered whole.</param>
    public static async IAsyncEnumerable<Line> ReadAsync(Stream stream, int maxLineBytes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffer = new byte[64 * 1024];
        using var current = new MemoryStream();
        var number = 1;
        var tooLong = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                Append(current, buffer.AsSpan(start, i - start), maxLineBytes, ref tooLong);
                var line = Parse(number++, current, tooLong, maxLineBytes);
                if (line is not null)
                    yield return line;
                current.SetLength(0);
                tooLong = false;
                start = i + 1;
            }
            Append(current, buffer.AsSpan(start, read - start), maxLineBytes, ref tooLong);
        }
        var last = Parse(number, current, tooLong, maxLineBytes);
        if (last is not null)
            yield return last;
    }

    private static void Append(MemoryStream current, ReadOnlySpan<byte> bytes, int max, ref bool tooLong)
    {
        if (tooLong)
            return;
        if (current.Length + bytes.Length > max)
        {
            tooLong = true;
            current.SetLength(0);
            return;
        }
        current.Write(bytes);
    }

    private static Line? Parse(int number, MemoryStream current, bool tooLong, int max)
    {
        if (tooLong)
            return new Line(number, null, $"line is longer than {max} bytes");
        var bytes = current.GetBuffer().AsSpan(0, (int)current.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
            bytes = bytes[..^1];
        if (bytes.IsEmpty || bytes.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
            return null; // blank lines are allowed between records
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        try
        {
            StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return new Line(number, null, $"line is not valid UTF-8 (bad byte at offset {e.Index})");
        }
        if (Shape(bytes) is { } shapeError)
            return new Line(number, null, shapeError);
        try
        {
            var input = JsonSerializer.Deserialize<EncounterInput>(bytes, Json);
            return input is null ? new Line(number, null, "line is JSON null, expected an object") : new Line(number, input, null);
        }
        catch (JsonException e)
        {
            return new Line(number, null, Reason(e, bytes));
        }
    }

    /// <summary>
    /// What is wrong with the line before any field is read: a raw control byte (JSON allows them only escaped) or a
    /// top-level value that is not one object. Null when neither.
    /// </summary>
    private static string? Shape(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x20 && bytes[i] is not (byte)'\t' and not (byte)'\r')
                return $"line holds the raw control byte 0x{bytes[i]:X2} at offset {i} (JSON allows it only escaped, as \\u{bytes[i]:X4})";
        }
        var first = bytes.IndexOfAnyExcept((byte)' ', (byte)'\t');
        return bytes[first] switch
        {
            (byte)'{' => null,
            (byte)'[' => "line is a JSON array, expected one object per line",
            (byte)'"' => "line is a JSON string, expected an object",
            (byte)'n' => null,   // null gets its own reason after parsing
            (byte)'t' or (byte)'f' => "line is a JSON boolean, expected an object",
            (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "line is a JSON number, expected an object",
            _ => null,
        };
    }

    /// <summary>
    /// A precise reason for a line the serializer refused, naming the field and never quoting content: a JsonException's
    /// own message can echo a token, so only its path (escaped) and position are used.
    /// </summary>
    private static string Reason(JsonException e, ReadOnlySpan<byte> bytes)
    {
        var path = e.Path ?? "$";
        var field = path.Length > 2 && path.StartsWith("$.", StringComparison.Ordinal) && path.AsSpan(2).IndexOfAnyExcept(FieldChars) < 0
            ? path
            : Echo.Quote(path, 40);
        // An escape that decodes to half a surrogate pair: System.Text.Json refuses the string, not the JSON.
        if (e.InnerException is InvalidOperationException && e.InnerException.Message.Contains("UTF-16", StringComparison.Ordinal))
            return $"{field} holds an unpaired surrogate escape (\\uD800-\\uDFFF without its other half)";
        if (IsWellFormed(bytes))
            return $"{field} has the wrong JSON type for that field (strings for text and dates, a number for patientAge)";
        return $"malformed JSON at {field} (byte {e.BytePositionInLine})";
    }

    private static readonly System.Buffers.SearchValues<char> FieldChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static bool IsWellFormed(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
