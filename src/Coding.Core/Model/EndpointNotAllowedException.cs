namespace Coding.Core.Model;

/// <summary>
/// A request to a model endpoint that is not on Model:AllowedEndpoints, refused before it was sent (or a redirect away
/// from an allowlisted one, refused before it was followed). The message names hosts and status codes, never text.
/// A <see cref="HttpRequestException"/> so HTTP clients treat it as a transport failure and hand it on.
/// </summary>
public sealed class EndpointNotAllowedException(string message) : HttpRequestException(message);
