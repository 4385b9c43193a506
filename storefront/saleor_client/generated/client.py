from typing import Any

from .base_client import BaseClient
from .enums import CountryCode
from .product_details import ProductDetails
from .shop_status import ShopStatus


def gql(q: str) -> str:
    return q


class SaleorGraphQLClient(BaseClient):
    def product_details(
        self, slug: str, country: CountryCode, **kwargs: Any
    ) -> ProductDetails:
        query = gql("""
            query ProductDetails($slug: String!, $country: CountryCode!) {
              product(slug: $slug) {
                id
                name
                slug
                descriptionJson
                seoTitle
                seoDescription
                isAvailable
                updatedAt
                images {
                  url
                  alt
                }
                pricing {
                  priceRange {
                    start {
                      gross {
                        amount
                        currency
                      }
                    }
                  }
                }
                variants {
                  id
                  sku
                  quantityAvailable(countryCode: $country)
                }
              }
            }
            """)
        variables: dict[str, object] = {"slug": slug, "country": country}
        response = self.execute(
            query=query, operation_name="ProductDetails", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ProductDetails.model_validate(data)

    def shop_status(self, **kwargs: Any) -> ShopStatus:
        query = gql("""
            query ShopStatus {
              shop {
                name
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="ShopStatus", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ShopStatus.model_validate(data)
