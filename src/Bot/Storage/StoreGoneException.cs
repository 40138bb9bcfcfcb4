using System.Data.Common;

namespace CourseBot.Bot.Storage;

/// <summary>
/// The SQLite file the bot opened was deleted or replaced while it ran. Writing on would record posts in a
/// file nobody will read again (and a restart would post them twice), so every ledger operation refuses.
/// </summary>
public sealed class StoreGoneException(string message) : DbException(message);
