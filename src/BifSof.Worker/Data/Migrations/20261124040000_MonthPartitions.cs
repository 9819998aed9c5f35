using BifSof.Worker.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BifSof.Worker.Data.Migrations
{
    /// <summary>
    /// <c>bif_rows</c> and <c>sof_rows</c> become tables partitioned by month (one partition <c>bif_rows_YYYY_MM</c> a
    /// month), so an import builds its month as a table of its own, indexes it in bulk and swaps it in
    /// (docs/extracts.md, "How a month is stored"). The EF model does not change: the partitioned tables keep their key,
    /// indexes and foreign keys under the same names; every stored month becomes a partition.
    /// </summary>
    [DbContext(typeof(BifSofDbContext))]
    [Migration("20261124040000_MonthPartitions")]
    public partial class MonthPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each Sql() is its own command with its own timeout, in the migration's one transaction. The rows are moved
            // before the partitioned tables get their key and indexes, which are then built once per partition in bulk
            // (a few seconds a million rows, not a row-by-row insert into every index).
            migrationBuilder.Sql(Partition("bif_rows"));
            migrationBuilder.Sql(Partition("sof_rows"));
            migrationBuilder.Sql(Constraints("bif_rows", "CREATE INDEX ix_bif_rows_file_id ON bifsof.bif_rows (file_id);"));
            migrationBuilder.Sql(Constraints(
                "sof_rows",
                """
                CREATE INDEX ix_sof_rows_file_id ON bifsof.sof_rows (file_id);
                CREATE INDEX ix_sof_rows_pseudonym_month ON bifsof.sof_rows (pseudonym, month);
                """));
            migrationBuilder.Sql("ANALYZE bifsof.bif_rows;");
            migrationBuilder.Sql("ANALYZE bifsof.sof_rows;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Unpartition("bif_rows", "CREATE INDEX ix_bif_rows_file_id ON bifsof.bif_rows (file_id);"));
            migrationBuilder.Sql(Unpartition(
                "sof_rows",
                """
                CREATE INDEX ix_sof_rows_file_id ON bifsof.sof_rows (file_id);
                CREATE INDEX ix_sof_rows_pseudonym_month ON bifsof.sof_rows (pseudonym, month);
                """));
        }

        private static string Partition(string table) =>
            $"""
            ALTER TABLE bifsof.{table} RENAME TO {table}_unpartitioned;
            CREATE TABLE bifsof.{table} (LIKE bifsof.{table}_unpartitioned INCLUDING DEFAULTS) PARTITION BY LIST (month);
            DO $$
            DECLARE m date;
            BEGIN
                FOR m IN SELECT DISTINCT month FROM bifsof.{table}_unpartitioned LOOP
                    EXECUTE format('CREATE TABLE bifsof.%I PARTITION OF bifsof.{table} FOR VALUES IN (%L)', '{table}_' || to_char(m, 'YYYY_MM'), m);
                END LOOP;
            END $$;
            INSERT INTO bifsof.{table} SELECT * FROM bifsof.{table}_unpartitioned;
            DROP TABLE bifsof.{table}_unpartitioned;
            """;

        private static string Constraints(string table, string indexes) =>
            $"""
            ALTER TABLE bifsof.{table} ADD CONSTRAINT pk_{table} PRIMARY KEY (month, pseudonym);
            {indexes}
            ALTER TABLE bifsof.{table} ADD CONSTRAINT fk_{table}_extract_files_file_id
                FOREIGN KEY (file_id) REFERENCES bifsof.extract_files (id) ON DELETE RESTRICT;
            """;

        private static string Unpartition(string table, string indexes) =>
            $"""
            ALTER TABLE bifsof.{table} RENAME TO {table}_partitioned;
            ALTER INDEX bifsof.pk_{table} RENAME TO pk_{table}_partitioned;
            DO $$
            DECLARE i record;
            BEGIN
                FOR i IN SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                         WHERE x.indrelid = 'bifsof.{table}_partitioned'::regclass AND NOT x.indisprimary LOOP
                    EXECUTE format('ALTER INDEX bifsof.%I RENAME TO %I', i.relname, i.relname || '_partitioned');
                END LOOP;
            END $$;
            CREATE TABLE bifsof.{table} (LIKE bifsof.{table}_partitioned INCLUDING DEFAULTS);
            ALTER TABLE bifsof.{table} ADD CONSTRAINT pk_{table} PRIMARY KEY (month, pseudonym);
            {indexes}
            ALTER TABLE bifsof.{table} ADD CONSTRAINT fk_{table}_extract_files_file_id
                FOREIGN KEY (file_id) REFERENCES bifsof.extract_files (id) ON DELETE RESTRICT;
            INSERT INTO bifsof.{table} SELECT * FROM bifsof.{table}_partitioned;
            DROP TABLE bifsof.{table}_partitioned;
            """;
    }
}
