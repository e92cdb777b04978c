"""Small in-memory CSVs for the localities tests."""

from localities.csv_format import parse_text
from localities.services import import_units

HEADER = (
    "level,code,name,kind,province_code,latitude,longitude,valid_from,valid_to,merged_into_code,effective,is_default"
)

# Two current provinces and a few communes, the former units they replaced, one of
# them divided, and one code (00004) reused by a new ward as in the real 2025 list.
BASE = f"""{HEADER}
province,01,Thành phố Hà Nội,city,,,,2025-07-01,,,,
province,24,Tỉnh Bắc Ninh,province,,,,2025-07-01,,,,
commune,00004,Phường Ba Đình,ward,01,21.0386,105.838,2025-07-01,,,,
commune,00008,Phường Ngọc Hà,ward,01,21.0381,105.816,2025-07-01,,,,
commune,07246,Xã Xuân Lương,commune,24,21.5825,106.11,2025-07-01,,,,
province,01,Thành phố Hà Nội,city,,,,,2025-06-30,01,2025-07-01,1
province,24,Tỉnh Bắc Giang,province,,,,,2025-06-30,24,2025-07-01,1
commune,00004,Phường Trúc Bạch,ward,01,21.044395,105.843174,,2025-06-30,00004,2025-07-01,1
commune,00016,Phường Ngọc Hà,ward,01,21.037816,105.828296,,2025-06-30,00004,2025-07-01,1
commune,00016,Phường Ngọc Hà,ward,01,21.037816,105.828296,,2025-06-30,00008,2025-07-01,0
commune,07243,Xã Đồng Tiến,commune,24,,,,2025-06-30,07246,,
commune,07246,Xã Canh Nậu,commune,24,,,,2025-06-30,07246,,
"""


def rows(text: str) -> list[dict]:
    return parse_text(text)


def load(text: str, source: str = "test"):
    return import_units(rows=rows(text), source=source)
