using Coding.Api.Auth;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coding.Core.Model;
using Coding.Core.Model.Llama;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Coding.Api.Model;

/// <summary>
/// <c>POST /v1/chat/completions</c> in the OpenAI wire format, served by the in-process llama backend. It lets one
/// GPU host serve many workers (they use the <c>openai</c> backend against it) and it is what the openai backend's
/// tests talk to over real HTTP. Non-streaming only; <c>response_format</c> json_schema is enforced by grammar.
/// Requests carry note text, so without <c>Model:ServeApiKey</c> only loopback callers are served; with it, callers
/// must send <c>Authorization: Bearer &lt;key&gt;</c> (what an OpenAI client sends as its API key).
/// </summary>
public static class OpenAiCompatibleChatEndpoint
{
    public static IEndpointRouteBuilder MapOpenAiCompatibleChat(this IEndpointRouteBuilder app, string prefix = "/v1")
    {
        // Its own gate (loopback, or Model:ServeApiKey) instead of a session: model clients are machines, not people.
        app.MapPost($"{prefix}/chat/completions", CompleteAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CompleteAsync(HttpContext http, CancellationToken ct)
    {
        if (!Authorised(http))
            return Error(StatusCodes.Status401Unauthorized, "a valid API key is required (Model:ServeApiKey), or call from loopback");
        var chat = http.RequestServices.GetService<LlamaChatCompletionService>();
        if (chat is null)
            return Error(StatusCodes.Status503ServiceUnavailable, "this host runs no llama backend (Model:Backend=llama)");

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, "request body is not JSON");
        }
        if (body is not JsonObject request || request["messages"] is not JsonArray messages)
            return Error(StatusCodes.Status400BadRequest, "messages is required");
        if (request["stream"]?.GetValueKind() == JsonValueKind.True)
            return Error(StatusCodes.Status400BadRequest, "stream is not supported");

        var history = new ChatHistory();
        foreach (var m in messages.OfType<JsonObject>())
        {
            var role = m["role"]?.GetValue<string>() ?? "user";
            history.AddMessage(new AuthorRole(role), ContentText(m["content"]));
        }
        var settings = new OpenAIPromptExecutionSettings
        {
            MaxTokens = (request["max_completion_tokens"] ?? request["max_tokens"])?.GetValue<int>(),
            Temperature = request["temperature"]?.GetValue<double>(),
            Seed = request["seed"]?.GetValue<long>(),
            ResponseFormat = request["response_format"] is { } rf ? JsonSerializer.SerializeToElement(rf) : null,
        };

        var reply = (await chat.GetChatMessageContentsAsync(history, settings, cancellationToken: ct))[0];
        var promptTokens = reply.Metadata?["PromptTokens"] as int? ?? 0;
        var completionTokens = reply.Metadata?["CompletionTokens"] as int? ?? 0;
        return Results.Json(new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = chat.Model.Sha256,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content ?? "" },
                ["finish_reason"] = reply.Metadata?["FinishReason"] as string ?? "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        });
    }

    private static bool Authorised(HttpContext http) =>
        MachineCallers.Authorised(http, http.RequestServices.GetService<IOptions<ModelOptions>>()?.Value.ServeApiKey);

    // content is either a string or an array of parts; only text parts mean anything to this backend.
    private static string ContentText(JsonNode? content) => content switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Where(p => p["type"]?.GetValue<string>() == "text").Select(p => p["text"]?.GetValue<string>())),
        _ => "",
    };

    private static IResult Error(int status, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error" } }, statusCode: status);
}
