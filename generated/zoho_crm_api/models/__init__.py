"""Contains all the data models used in inputs/outputs.

Each model is imported on first use (module ``__getattr__``), so importing one model, or the client,
does not import all of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .action_details import ActionDetails
    from .action_error import ActionError
    from .action_error_status import ActionErrorStatus
    from .action_results import ActionResults
    from .action_success import ActionSuccess
    from .action_success_code import ActionSuccessCode
    from .action_success_status import ActionSuccessStatus
    from .auth_error import AuthError
    from .auth_error_code import AuthErrorCode
    from .clone_record_request import CloneRecordRequest
    from .coql_error import CoqlError
    from .coql_error_code import CoqlErrorCode
    from .coql_info import CoqlInfo
    from .coql_page import CoqlPage
    from .coql_query_request import CoqlQueryRequest
    from .coql_record import CoqlRecord
    from .count_error import CountError
    from .count_error_code import CountErrorCode
    from .delete_error import DeleteError
    from .delete_error_code import DeleteErrorCode
    from .deleted_list_error import DeletedListError
    from .deleted_list_error_code import DeletedListErrorCode
    from .deleted_record import DeletedRecord
    from .deleted_record_type import DeletedRecordType
    from .deleted_records_page import DeletedRecordsPage
    from .deleted_type import DeletedType
    from .error_details import ErrorDetails
    from .error_details_ambiguity_due_to_item import ErrorDetailsAmbiguityDueToItem
    from .error_details_duplicate_record import ErrorDetailsDuplicateRecord
    from .error_details_expected_fields_item import ErrorDetailsExpectedFieldsItem
    from .error_status import ErrorStatus
    from .feature_execution import FeatureExecution
    from .field_meta import FieldMeta
    from .field_meta_external_type_0 import FieldMetaExternalType0
    from .field_meta_lookup import FieldMetaLookup
    from .field_meta_unique_type_0 import FieldMetaUniqueType0
    from .fields_response import FieldsResponse
    from .insert_records_request import InsertRecordsRequest
    from .job_not_found_error import JobNotFoundError
    from .job_not_found_error_code import JobNotFoundErrorCode
    from .mass_update_error import MassUpdateError
    from .mass_update_error_code import MassUpdateErrorCode
    from .mass_update_request import MassUpdateRequest
    from .mass_update_request_data_item import MassUpdateRequestDataItem
    from .mass_update_request_territory import MassUpdateRequestTerritory
    from .mass_update_status import MassUpdateStatus
    from .mass_update_status_error import MassUpdateStatusError
    from .mass_update_status_error_code import MassUpdateStatusErrorCode
    from .mass_update_status_response import MassUpdateStatusResponse
    from .mass_update_status_status import MassUpdateStatusStatus
    from .media_type_error import MediaTypeError
    from .media_type_error_code import MediaTypeErrorCode
    from .method_error import MethodError
    from .method_error_code import MethodErrorCode
    from .minified_module import MinifiedModule
    from .module_meta import ModuleMeta
    from .modules_response import ModulesResponse
    from .named_ref import NamedRef
    from .not_found_error import NotFoundError
    from .not_found_error_code import NotFoundErrorCode
    from .nullable_user_lookup_type_0 import NullableUserLookupType0
    from .org_meta import OrgMeta
    from .org_response import OrgResponse
    from .page_info import PageInfo
    from .payload_error import PayloadError
    from .payload_error_code import PayloadErrorCode
    from .permission_error import PermissionError_
    from .permission_error_code import PermissionErrorCode
    from .photo_error import PhotoError
    from .photo_error_code import PhotoErrorCode
    from .photo_success import PhotoSuccess
    from .photo_success_code import PhotoSuccessCode
    from .photo_success_details import PhotoSuccessDetails
    from .photo_success_status import PhotoSuccessStatus
    from .photo_upload import PhotoUpload
    from .precondition_error import PreconditionError
    from .precondition_error_code import PreconditionErrorCode
    from .precondition_item import PreconditionItem
    from .precondition_item_code import PreconditionItemCode
    from .precondition_item_status import PreconditionItemStatus
    from .precondition_results import PreconditionResults
    from .rate_limit_error import RateLimitError
    from .rate_limit_error_code import RateLimitErrorCode
    from .read_error import ReadError
    from .read_error_code import ReadErrorCode
    from .record import Record
    from .record_append_values import RecordAppendValues
    from .record_count import RecordCount
    from .record_error_code import RecordErrorCode
    from .record_not_found_error import RecordNotFoundError
    from .record_not_found_error_code import RecordNotFoundErrorCode
    from .record_with_id import RecordWithId
    from .records_page import RecordsPage
    from .related_count_filter import RelatedCountFilter
    from .related_count_filter_field import RelatedCountFilterField
    from .related_count_params import RelatedCountParams
    from .related_count_query import RelatedCountQuery
    from .related_count_success import RelatedCountSuccess
    from .related_list_meta import RelatedListMeta
    from .related_list_meta_module_type_0 import RelatedListMetaModuleType0
    from .related_list_ref import RelatedListRef
    from .related_lists_response import RelatedListsResponse
    from .related_records_count_request import RelatedRecordsCountRequest
    from .related_records_count_response import RelatedRecordsCountResponse
    from .rich_text_page import RichTextPage
    from .rich_text_record import RichTextRecord
    from .search_error import SearchError
    from .search_error_code import SearchErrorCode
    from .server_error import ServerError
    from .server_error_code import ServerErrorCode
    from .skip_feature_execution import SkipFeatureExecution
    from .sort_by import SortBy
    from .sort_order import SortOrder
    from .tag import Tag
    from .tri_state import TriState
    from .trigger import Trigger
    from .update_record_request import UpdateRecordRequest
    from .update_records_request import UpdateRecordsRequest
    from .update_related_record_request import UpdateRelatedRecordRequest
    from .update_related_records_request import UpdateRelatedRecordsRequest
    from .upload_photo_restrict_triggers import UploadPhotoRestrictTriggers
    from .upsert_action import UpsertAction
    from .upsert_records_request import UpsertRecordsRequest
    from .user_lookup import UserLookup
    from .user_meta import UserMeta
    from .user_type import UserType
    from .users_response import UsersResponse
    from .write_error import WriteError
    from .write_error_code import WriteErrorCode

_MODULE_OF = {
    "ActionDetails": ".action_details",
    "ActionError": ".action_error",
    "ActionErrorStatus": ".action_error_status",
    "ActionResults": ".action_results",
    "ActionSuccess": ".action_success",
    "ActionSuccessCode": ".action_success_code",
    "ActionSuccessStatus": ".action_success_status",
    "AuthError": ".auth_error",
    "AuthErrorCode": ".auth_error_code",
    "CloneRecordRequest": ".clone_record_request",
    "CoqlError": ".coql_error",
    "CoqlErrorCode": ".coql_error_code",
    "CoqlInfo": ".coql_info",
    "CoqlPage": ".coql_page",
    "CoqlQueryRequest": ".coql_query_request",
    "CoqlRecord": ".coql_record",
    "CountError": ".count_error",
    "CountErrorCode": ".count_error_code",
    "DeleteError": ".delete_error",
    "DeleteErrorCode": ".delete_error_code",
    "DeletedListError": ".deleted_list_error",
    "DeletedListErrorCode": ".deleted_list_error_code",
    "DeletedRecord": ".deleted_record",
    "DeletedRecordType": ".deleted_record_type",
    "DeletedRecordsPage": ".deleted_records_page",
    "DeletedType": ".deleted_type",
    "ErrorDetails": ".error_details",
    "ErrorDetailsAmbiguityDueToItem": ".error_details_ambiguity_due_to_item",
    "ErrorDetailsDuplicateRecord": ".error_details_duplicate_record",
    "ErrorDetailsExpectedFieldsItem": ".error_details_expected_fields_item",
    "ErrorStatus": ".error_status",
    "FeatureExecution": ".feature_execution",
    "FieldMeta": ".field_meta",
    "FieldMetaExternalType0": ".field_meta_external_type_0",
    "FieldMetaLookup": ".field_meta_lookup",
    "FieldMetaUniqueType0": ".field_meta_unique_type_0",
    "FieldsResponse": ".fields_response",
    "InsertRecordsRequest": ".insert_records_request",
    "JobNotFoundError": ".job_not_found_error",
    "JobNotFoundErrorCode": ".job_not_found_error_code",
    "MassUpdateError": ".mass_update_error",
    "MassUpdateErrorCode": ".mass_update_error_code",
    "MassUpdateRequest": ".mass_update_request",
    "MassUpdateRequestDataItem": ".mass_update_request_data_item",
    "MassUpdateRequestTerritory": ".mass_update_request_territory",
    "MassUpdateStatus": ".mass_update_status",
    "MassUpdateStatusError": ".mass_update_status_error",
    "MassUpdateStatusErrorCode": ".mass_update_status_error_code",
    "MassUpdateStatusResponse": ".mass_update_status_response",
    "MassUpdateStatusStatus": ".mass_update_status_status",
    "MediaTypeError": ".media_type_error",
    "MediaTypeErrorCode": ".media_type_error_code",
    "MethodError": ".method_error",
    "MethodErrorCode": ".method_error_code",
    "MinifiedModule": ".minified_module",
    "ModuleMeta": ".module_meta",
    "ModulesResponse": ".modules_response",
    "NamedRef": ".named_ref",
    "NotFoundError": ".not_found_error",
    "NotFoundErrorCode": ".not_found_error_code",
    "NullableUserLookupType0": ".nullable_user_lookup_type_0",
    "OrgMeta": ".org_meta",
    "OrgResponse": ".org_response",
    "PageInfo": ".page_info",
    "PayloadError": ".payload_error",
    "PayloadErrorCode": ".payload_error_code",
    "PermissionError_": ".permission_error",
    "PermissionErrorCode": ".permission_error_code",
    "PhotoError": ".photo_error",
    "PhotoErrorCode": ".photo_error_code",
    "PhotoSuccess": ".photo_success",
    "PhotoSuccessCode": ".photo_success_code",
    "PhotoSuccessDetails": ".photo_success_details",
    "PhotoSuccessStatus": ".photo_success_status",
    "PhotoUpload": ".photo_upload",
    "PreconditionError": ".precondition_error",
    "PreconditionErrorCode": ".precondition_error_code",
    "PreconditionItem": ".precondition_item",
    "PreconditionItemCode": ".precondition_item_code",
    "PreconditionItemStatus": ".precondition_item_status",
    "PreconditionResults": ".precondition_results",
    "RateLimitError": ".rate_limit_error",
    "RateLimitErrorCode": ".rate_limit_error_code",
    "ReadError": ".read_error",
    "ReadErrorCode": ".read_error_code",
    "Record": ".record",
    "RecordAppendValues": ".record_append_values",
    "RecordCount": ".record_count",
    "RecordErrorCode": ".record_error_code",
    "RecordNotFoundError": ".record_not_found_error",
    "RecordNotFoundErrorCode": ".record_not_found_error_code",
    "RecordWithId": ".record_with_id",
    "RecordsPage": ".records_page",
    "RelatedCountFilter": ".related_count_filter",
    "RelatedCountFilterField": ".related_count_filter_field",
    "RelatedCountParams": ".related_count_params",
    "RelatedCountQuery": ".related_count_query",
    "RelatedCountSuccess": ".related_count_success",
    "RelatedListMeta": ".related_list_meta",
    "RelatedListMetaModuleType0": ".related_list_meta_module_type_0",
    "RelatedListRef": ".related_list_ref",
    "RelatedListsResponse": ".related_lists_response",
    "RelatedRecordsCountRequest": ".related_records_count_request",
    "RelatedRecordsCountResponse": ".related_records_count_response",
    "RichTextPage": ".rich_text_page",
    "RichTextRecord": ".rich_text_record",
    "SearchError": ".search_error",
    "SearchErrorCode": ".search_error_code",
    "ServerError": ".server_error",
    "ServerErrorCode": ".server_error_code",
    "SkipFeatureExecution": ".skip_feature_execution",
    "SortBy": ".sort_by",
    "SortOrder": ".sort_order",
    "Tag": ".tag",
    "TriState": ".tri_state",
    "Trigger": ".trigger",
    "UpdateRecordRequest": ".update_record_request",
    "UpdateRecordsRequest": ".update_records_request",
    "UpdateRelatedRecordRequest": ".update_related_record_request",
    "UpdateRelatedRecordsRequest": ".update_related_records_request",
    "UploadPhotoRestrictTriggers": ".upload_photo_restrict_triggers",
    "UpsertAction": ".upsert_action",
    "UpsertRecordsRequest": ".upsert_records_request",
    "UserLookup": ".user_lookup",
    "UserMeta": ".user_meta",
    "UserType": ".user_type",
    "UsersResponse": ".users_response",
    "WriteError": ".write_error",
    "WriteErrorCode": ".write_error_code",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


__all__ = (
    "ActionDetails",
    "ActionError",
    "ActionErrorStatus",
    "ActionResults",
    "ActionSuccess",
    "ActionSuccessCode",
    "ActionSuccessStatus",
    "AuthError",
    "AuthErrorCode",
    "CloneRecordRequest",
    "CoqlError",
    "CoqlErrorCode",
    "CoqlInfo",
    "CoqlPage",
    "CoqlQueryRequest",
    "CoqlRecord",
    "CountError",
    "CountErrorCode",
    "DeletedListError",
    "DeletedListErrorCode",
    "DeletedRecord",
    "DeletedRecordsPage",
    "DeletedRecordType",
    "DeletedType",
    "DeleteError",
    "DeleteErrorCode",
    "ErrorDetails",
    "ErrorDetailsAmbiguityDueToItem",
    "ErrorDetailsDuplicateRecord",
    "ErrorDetailsExpectedFieldsItem",
    "ErrorStatus",
    "FeatureExecution",
    "FieldMeta",
    "FieldMetaExternalType0",
    "FieldMetaLookup",
    "FieldMetaUniqueType0",
    "FieldsResponse",
    "InsertRecordsRequest",
    "JobNotFoundError",
    "JobNotFoundErrorCode",
    "MassUpdateError",
    "MassUpdateErrorCode",
    "MassUpdateRequest",
    "MassUpdateRequestDataItem",
    "MassUpdateRequestTerritory",
    "MassUpdateStatus",
    "MassUpdateStatusError",
    "MassUpdateStatusErrorCode",
    "MassUpdateStatusResponse",
    "MassUpdateStatusStatus",
    "MediaTypeError",
    "MediaTypeErrorCode",
    "MethodError",
    "MethodErrorCode",
    "MinifiedModule",
    "ModuleMeta",
    "ModulesResponse",
    "NamedRef",
    "NotFoundError",
    "NotFoundErrorCode",
    "NullableUserLookupType0",
    "OrgMeta",
    "OrgResponse",
    "PageInfo",
    "PayloadError",
    "PayloadErrorCode",
    "PermissionError_",
    "PermissionErrorCode",
    "PhotoError",
    "PhotoErrorCode",
    "PhotoSuccess",
    "PhotoSuccessCode",
    "PhotoSuccessDetails",
    "PhotoSuccessStatus",
    "PhotoUpload",
    "PreconditionError",
    "PreconditionErrorCode",
    "PreconditionItem",
    "PreconditionItemCode",
    "PreconditionItemStatus",
    "PreconditionResults",
    "RateLimitError",
    "RateLimitErrorCode",
    "ReadError",
    "ReadErrorCode",
    "Record",
    "RecordAppendValues",
    "RecordCount",
    "RecordErrorCode",
    "RecordNotFoundError",
    "RecordNotFoundErrorCode",
    "RecordsPage",
    "RecordWithId",
    "RelatedCountFilter",
    "RelatedCountFilterField",
    "RelatedCountParams",
    "RelatedCountQuery",
    "RelatedCountSuccess",
    "RelatedListMeta",
    "RelatedListMetaModuleType0",
    "RelatedListRef",
    "RelatedListsResponse",
    "RelatedRecordsCountRequest",
    "RelatedRecordsCountResponse",
    "RichTextPage",
    "RichTextRecord",
    "SearchError",
    "SearchErrorCode",
    "ServerError",
    "ServerErrorCode",
    "SkipFeatureExecution",
    "SortBy",
    "SortOrder",
    "Tag",
    "Trigger",
    "TriState",
    "UpdateRecordRequest",
    "UpdateRecordsRequest",
    "UpdateRelatedRecordRequest",
    "UpdateRelatedRecordsRequest",
    "UploadPhotoRestrictTriggers",
    "UpsertAction",
    "UpsertRecordsRequest",
    "UserLookup",
    "UserMeta",
    "UsersResponse",
    "UserType",
    "WriteError",
    "WriteErrorCode",
)
