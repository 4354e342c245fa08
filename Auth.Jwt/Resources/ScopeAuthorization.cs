using Microsoft.AspNetCore.Authorization;

namespace Auth.Jwt.Resources;

/// <summary>DOT's TokenHasReadWriteScope: safe methods need <c>read</c>, every other method <c>write</c>.</summary>
public sealed class ReadWriteScopeRequirement : IAuthorizationRequirement
{
    public const string Policy = "ReadWriteScope";

    public static string RequiredScope(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? "read" : "write";
}

public sealed class ReadWriteScopeHandler(IHttpContextAccessor accessor) : AuthorizationHandler<ReadWriteScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadWriteScopeRequirement requirement)
    {
        if (accessor.HttpContext is { } http
            && context.User.FindFirst("scope")?.Value.Split(' ').Contains(ReadWriteScopeRequirement.RequiredScope(http.Request.Method), StringComparer.Ordinal) == true)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
