using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AnalysisHub.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the system's binaries (Debian's postgresql package): initdb into a
/// temporary folder as the postgres user, a unix socket in that folder and no TCP, fsync off (fine for
/// correctness, never for a durability claim). Each test asks for a database of its own. Missing binaries fail
/// the tests with the reason; they are never skipped.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-pg-" + Guid.NewGuid().ToString("N"));
    private readonly int _port;
    private readonly bool _asRoot = Environment.UserName == "root";
    private bool _started;

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed: {BinDirectory}/initdb is missing. The PostgreSQL ledger tests need it; " +
                "install it with `apt-get install -y postgresql` (scripts/test.sh does this before the build).");
        _port = FreePort();
        try
        {
            Directory.CreateDirectory(_directory);
            if (_asRoot) Run("chown", "postgres:postgres", _directory);
            Run("chmod", "700", _directory);
            Postgres("initdb", "-D", Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
            Postgres("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "30",
                "-o", $"-p {_port} -k {_directory} -c listen_addresses='' -c fsync=off -c max_connections=50", "start");
            _started = true;
            Postgres("createdb", "-h", _directory, "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "hub");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Connection string of the server's <c>hub</c> database (or of <paramref name="database"/>).</summary>
    public string ConnectionString(string database = "hub") =>
        new NpgsqlConnectionStringBuilder { Host = _directory, Port = _port, Username = "postgres", Database = database }.ToString();

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "ledger_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(ConnectionString());
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private void Postgres(string tool, params string[] arguments)
    {
        var path = Path.Combine(BinDirectory, tool);
        if (_asRoot) Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        else Run(path, arguments);
    }

    private void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 60 s");
        }
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}" +
                (File.Exists(log) ? "\nserver.log:\n" + File.ReadAllText(log) : ""));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_started) Postgres("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            _started = false;
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
    }
}
