"""The operations the spine issue asks for: (method, path) -> operationId."""

RECORDS = {
    ("get", "/{module}"): "get_records",
    ("get", "/{module}/{record_id}"): "get_record",
    ("post", "/{module}"): "insert_records",
    ("put", "/{module}"): "update_records",
    ("put", "/{module}/{record_id}"): "update_record",
    ("delete", "/{module}"): "delete_records",
    ("delete", "/{module}/{record_id}"): "delete_record",
    ("post", "/{module}/upsert"): "upsert_records",
    ("get", "/{module}/search"): "search_records",
    ("get", "/{module}/deleted"): "get_deleted_records",
    ("get", "/{module}/actions/count"): "get_record_count",
    ("post", "/{module}/{record_id}/actions/clone"): "clone_record",
    ("post", "/{module}/actions/mass_update"): "mass_update_records",
    ("get", "/{module}/actions/mass_update"): "get_mass_update_status",
    ("get", "/{module}/{record_id}/photo"): "download_photo",
    ("post", "/{module}/{record_id}/photo"): "upload_photo",
    ("delete", "/{module}/{record_id}/photo"): "delete_photo",
    ("get", "/{module}/{record_id}/actions/fetch_full_data"): "get_rich_text_fields",
    ("get", "/{module}/actions/fetch_full_data"): "get_rich_text_records",
}
RELATED = {
    ("get", "/{module}/{record_id}/{related_list}"): "get_related_records",
    ("get", "/{module}/{record_id}/{related_list}/{related_record_id}"): "get_related_record",
    ("put", "/{module}/{record_id}/{related_list}"): "update_related_records",
    ("put", "/{module}/{record_id}/{related_list}/{related_record_id}"): "update_related_record",
    ("delete", "/{module}/{record_id}/{related_list}"): "delink_related_records",
    ("delete", "/{module}/{record_id}/{related_list}/{related_record_id}"): "delink_related_record",
    ("post", "/{module}/{record_id}/actions/get_related_records_count"): "get_related_records_count",
    ("get", "/{module}/deleted/{record_id}/{related_list}"): "get_deleted_record_related_records",
}
METADATA = {
    ("get", "/settings/fields"): "get_fields",
    ("get", "/settings/related_lists"): "get_related_lists",
    ("get", "/settings/modules"): "get_modules",
    ("get", "/settings/modules/{api_name}"): "get_module",
    ("get", "/users"): "get_users",
    ("get", "/org"): "get_org",
}
COQL = {
    ("post", "/coql"): "execute_coql_query",
}
GROUPS = {"records": RECORDS, "related_records": RELATED, "metadata": METADATA, "coql": COQL}
"""Each spec tag and its operations."""
ALL = {key: op_id for group in GROUPS.values() for key, op_id in group.items()}
TAG = {op_id: tag for tag, group in GROUPS.items() for op_id in group.values()}
"""operationId -> its tag."""
