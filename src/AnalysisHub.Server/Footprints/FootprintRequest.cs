namespace AnalysisHub.Server.Footprints;

/// <summary>What <c>POST /api/v1/footprints</c> takes: <c>{"id": "custom:&lt;slug&gt;", "name", "nameCy"?, "members": [ids or codes], "description"?}</c>.</summary>
public sealed record FootprintRequest(string? Id, string? Name, string? NameCy, List<string?>? Members, string? Description);
