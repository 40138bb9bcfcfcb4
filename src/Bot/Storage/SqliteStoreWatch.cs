using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace CourseBot.Bot.Storage;

/// <summary>
/// Notices when the SQLite file the bot opened at start is deleted or replaced while it runs. A connection
/// opened at start is kept; SQLite's <c>SQLITE_FCNTL_HAS_MOVED</c> compares the file that connection has
/// open (its inode) with the file now at the path. Pooled connections keep writing to a deleted file
/// without an error, so without this check the posts would be recorded where nobody reads them.
/// </summary>
public sealed partial class SqliteStoreWatch(ILogger<SqliteStoreWatch> logger) : IDisposable
{
    private const int HasMovedControl = 20; // SQLITE_FCNTL_HAS_MOVED in sqlite3.h
    private static readonly byte[] MainDatabase = "main\0"u8.ToArray();

    private readonly Lock _gate = new();
    private SqliteConnection? _opened;
    private string? _file;
    private string? _problem;

    /// <summary>Remembers the file as it is now. Called once the store exists (at start).</summary>
    public void Watch(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        lock (_gate)
        {
            _opened?.Dispose();
            _opened = connection;
            _file = file;
            _problem = null;
        }
    }

    /// <summary>Null while the file is the one opened at start; else what happened (and it stays so until a restart).</summary>
    public string? Problem()
    {
        lock (_gate)
        {
            if (_problem is not null || _opened is null)
            {
                return _problem;
            }

            if (HasMoved(_opened) || !File.Exists(_file))
            {
                _problem = $"the SQLite file {_file} was deleted or replaced while the bot was running; posting has stopped so that "
                    + "no post goes out twice. Put the original file back and restart the bot (a restart on an empty or other "
                    + "file would post again every post of the grace period that file does not record)";
                LogPostingStopped(_problem);
            }

            return _problem;
        }
    }

    private static bool HasMoved(SqliteConnection connection)
    {
        try
        {
            var moved = 0;
            var code = sqlite3_file_control(connection.Handle!.DangerousGetHandle(), MainDatabase, HasMovedControl, ref moved);
            return code != 0 || moved != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A SQLite build other than e_sqlite3: only a deleted file can be noticed (by its path).
            return false;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _opened?.Dispose();
            _opened = null;
        }
    }

    // The SQLite library Microsoft.Data.Sqlite loads (SQLitePCLRaw's e_sqlite3); SQLitePCLRaw does not wrap file_control.
    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(IntPtr db, byte[] name, int op, ref int result);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Posting stopped: {Reason}")]
    private partial void LogPostingStopped(string reason);
}
