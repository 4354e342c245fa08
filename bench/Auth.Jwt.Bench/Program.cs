using Auth.Jwt.Bench;

// Exit codes: 0 every target passed, 1 a target failed, 2 bad usage or the bench itself failed.
var options = BenchOptions.Parse(args);
if (options is null)
{
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

// Ctrl+C cancels the run instead of killing it, so the server is still stopped and its temp folder deleted.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return await Bench.RunAsync(options, Console.Out, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("bench interrupted; the server is stopped and its temp folder deleted");
    return 2;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    await Console.Error.WriteLineAsync($"bench failed: {e.Message}");
    return 2;
}
