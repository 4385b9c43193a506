from typing import Any, Optional, Union

from .base_client import BaseClient
from .base_model import UNSET, UnsetType
from .buyer_data_orders import BuyerDataOrders
from .cart import Cart
from .cart_create import CartCreate
from .cart_for_completion import CartForCompletion
from .cart_line_delete import CartLineDelete
from .cart_line_ids import CartLineIds
from .cart_lines_add import CartLinesAdd
from .cart_lines_update import CartLinesUpdate
from .cart_page import CartPage
from .checkout_add_promo_code import CheckoutAddPromoCode
from .checkout_complete import CheckoutComplete
from .checkout_payment_create import CheckoutPaymentCreate
from .checkout_remove_promo_code import CheckoutRemovePromoCode
from .checkout_set_details import CheckoutSetDetails
from .checkout_set_shipping_method import CheckoutSetShippingMethod
from .enums import CountryCode, PaymentChargeStatusEnum
from .input_types import (
    AddressInput,
    CheckoutLineInput,
    DateRangeInput,
    MetadataInput,
    OrderFilterInput,
    OrderFulfillLineInput,
    StaffCreateInput,
)
from .order_capture import OrderCapture
from .order_for_buyer import OrderForBuyer
from .order_for_lookup import OrderForLookup
from .order_for_review import OrderForReview
from .order_refund import OrderRefund
from .orders_placed import OrdersPlaced
from .payment_amounts import PaymentAmounts
from .payment_for_completion import PaymentForCompletion
from .payment_release_holds import PaymentReleaseHolds
from .payment_void import PaymentVoid
from .product_details import ProductDetails
from .shipping_zones import ShippingZones
from .shop_countries import ShopCountries
from .shop_status import ShopStatus
from .staff_add_note import StaffAddNote
from .staff_cancel import StaffCancel
from .staff_customer_orders import StaffCustomerOrders
from .staff_dashboard import StaffDashboard
from .staff_deactivate import StaffDeactivate
from .staff_fulfil import StaffFulfil
from .staff_invite import StaffInvite
from .staff_members import StaffMembers
from .staff_order import StaffOrder
from .staff_orders import StaffOrders
from .staff_orders_export import StaffOrdersExport
from .staff_orders_newest import StaffOrdersNewest
from .staff_product_stock import StaffProductStock
from .staff_sales import StaffSales
from .staff_set_password import StaffSetPassword
from .staff_set_price import StaffSetPrice
from .staff_set_shipment_metadata import StaffSetShipmentMetadata
from .staff_set_stock import StaffSetStock
from .staff_sign_in import StaffSignIn
from .staff_token_refresh import StaffTokenRefresh
from .staff_update_tracking import StaffUpdateTracking
from .staff_variant_stock import StaffVariantStock


def gql(q: str) -> str:
    return q


class SaleorGraphQLClient(BaseClient):
    def cart(self, token: Any, **kwargs: Any) -> Cart:
        query = gql("""
            query Cart($token: UUID!) {
              checkout(token: $token) {
                ...CartDetails
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query, operation_name="Cart", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return Cart.model_validate(data)

    def cart_page(self, token: Any, with_tax: bool, **kwargs: Any) -> CartPage:
        query = gql("""
            query CartPage($token: UUID!, $withTax: Boolean!) {
              checkout(token: $token) {
                ...CartPageDetails
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartPageDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingAddress {
                ...AddressFields
              }
              totalPrice @include(if: $withTax) {
                tax {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"token": token, "withTax": with_tax}
        response = self.execute(
            query=query, operation_name="CartPage", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartPage.model_validate(data)

    def cart_for_completion(self, token: Any, **kwargs: Any) -> CartForCompletion:
        query = gql("""
            query CartForCompletion($token: UUID!) {
              checkout(token: $token) {
                id
                token
                email
                quantity
                voucherCode
                discountName
                discount {
                  ...MoneyFields
                }
                lines {
                  id
                  quantity
                  variant {
                    id
                    sku
                    quantityAvailable
                    product {
                      name
                      slug
                    }
                  }
                }
                shippingAddress {
                  ...AddressFields
                }
                shippingMethod {
                  id
                  name
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query,
            operation_name="CartForCompletion",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CartForCompletion.model_validate(data)

    def cart_line_ids(self, token: Any, **kwargs: Any) -> CartLineIds:
        query = gql("""
            query CartLineIds($token: UUID!) {
              checkout(token: $token) {
                lines {
                  id
                  quantity
                }
              }
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query, operation_name="CartLineIds", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLineIds.model_validate(data)

    def cart_create(
        self, lines: list[CheckoutLineInput], email: str, **kwargs: Any
    ) -> CartCreate:
        query = gql("""
            mutation CartCreate($lines: [CheckoutLineInput]!, $email: String!) {
              checkoutCreate(input: {lines: $lines, email: $email}) {
                checkout {
                  token
                  quantity
                  voucherCode
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"lines": lines, "email": email}
        response = self.execute(
            query=query, operation_name="CartCreate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartCreate.model_validate(data)

    def cart_lines_add(
        self, checkout_id: str, lines: list[CheckoutLineInput], **kwargs: Any
    ) -> CartLinesAdd:
        query = gql("""
            mutation CartLinesAdd($checkoutId: ID!, $lines: [CheckoutLineInput]!) {
              qlclawCheckoutLinesAdd(checkoutId: $checkoutId, lines: $lines) {
                checkout {
                  token
                  quantity
                  voucherCode
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"checkoutId": checkout_id, "lines": lines}
        response = self.execute(
            query=query, operation_name="CartLinesAdd", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLinesAdd.model_validate(data)

    def cart_lines_update(
        self,
        checkout_id: str,
        lines: list[CheckoutLineInput],
        with_tax: bool,
        **kwargs: Any,
    ) -> CartLinesUpdate:
        query = gql("""
            mutation CartLinesUpdate($checkoutId: ID!, $lines: [CheckoutLineInput]!, $withTax: Boolean!) {
              checkoutLinesUpdate(checkoutId: $checkoutId, lines: $lines) {
                checkout {
                  ...CartPageDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartPageDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingAddress {
                ...AddressFields
              }
              totalPrice @include(if: $withTax) {
                tax {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "lines": lines,
            "withTax": with_tax,
        }
        response = self.execute(
            query=query, operation_name="CartLinesUpdate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLinesUpdate.model_validate(data)

    def cart_line_delete(
        self, checkout_id: str, line_id: str, with_tax: bool, **kwargs: Any
    ) -> CartLineDelete:
        query = gql("""
            mutation CartLineDelete($checkoutId: ID!, $lineId: ID!, $withTax: Boolean!) {
              checkoutLineDelete(checkoutId: $checkoutId, lineId: $lineId) {
                checkout {
                  ...CartPageDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartPageDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingAddress {
                ...AddressFields
              }
              totalPrice @include(if: $withTax) {
                tax {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "lineId": line_id,
            "withTax": with_tax,
        }
        response = self.execute(
            query=query, operation_name="CartLineDelete", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return CartLineDelete.model_validate(data)

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
                metadata {
                  key
                  value
                }
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

    def checkout_set_details(
        self, checkout_id: str, email: str, address: AddressInput, **kwargs: Any
    ) -> CheckoutSetDetails:
        query = gql("""
            mutation CheckoutSetDetails($checkoutId: ID!, $email: String!, $address: AddressInput!) {
              checkoutEmailUpdate(checkoutId: $checkoutId, email: $email) {
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
              checkoutShippingAddressUpdate(
                checkoutId: $checkoutId
                shippingAddress: $address
              ) {
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
              checkoutBillingAddressUpdate(checkoutId: $checkoutId, billingAddress: $address) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "email": email,
            "address": address,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutSetDetails",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutSetDetails.model_validate(data)

    def checkout_set_shipping_method(
        self, checkout_id: str, shipping_method_id: str, **kwargs: Any
    ) -> CheckoutSetShippingMethod:
        query = gql("""
            mutation CheckoutSetShippingMethod($checkoutId: ID!, $shippingMethodId: ID!) {
              checkoutShippingMethodUpdate(
                checkoutId: $checkoutId
                shippingMethodId: $shippingMethodId
              ) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "shippingMethodId": shipping_method_id,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutSetShippingMethod",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutSetShippingMethod.model_validate(data)

    def checkout_add_promo_code(
        self, checkout_id: str, promo_code: str, **kwargs: Any
    ) -> CheckoutAddPromoCode:
        query = gql("""
            mutation CheckoutAddPromoCode($checkoutId: ID!, $promoCode: String!) {
              checkoutAddPromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "promoCode": promo_code,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutAddPromoCode",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutAddPromoCode.model_validate(data)

    def checkout_remove_promo_code(
        self, checkout_id: str, promo_code: str, **kwargs: Any
    ) -> CheckoutRemovePromoCode:
        query = gql("""
            mutation CheckoutRemovePromoCode($checkoutId: ID!, $promoCode: String!) {
              checkoutRemovePromoCode(checkoutId: $checkoutId, promoCode: $promoCode) {
                checkout {
                  ...CartDetails
                }
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment CartDetails on Checkout {
              id
              token
              email
              quantity
              voucherCode
              discountName
              discount {
                ...MoneyFields
              }
              lines {
                id
                quantity
                totalPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  sku
                  quantityAvailable
                  product {
                    name
                    slug
                    thumbnail {
                      url
                      alt
                    }
                  }
                }
              }
              subtotalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              totalPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              isShippingRequired
              shippingAddress {
                ...AddressFields
              }
              shippingMethod {
                id
                name
              }
              availableShippingMethods {
                id
                name
                price {
                  ...MoneyFields
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "promoCode": promo_code,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutRemovePromoCode",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutRemovePromoCode.model_validate(data)

    def payment_release_holds(
        self, payment_id: str, **kwargs: Any
    ) -> PaymentReleaseHolds:
        query = gql("""
            mutation PaymentReleaseHolds($paymentId: ID!) {
              qlclawPaymentReleaseHolds(paymentId: $paymentId) {
                released {
                  intentId
                  amount
                  status
                }
                paymentErrors {
                  ...PaymentErrorFields
                }
              }
            }

            fragment PaymentErrorFields on PaymentError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"paymentId": payment_id}
        response = self.execute(
            query=query,
            operation_name="PaymentReleaseHolds",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return PaymentReleaseHolds.model_validate(data)

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

    def order_for_buyer(self, token: Any, **kwargs: Any) -> OrderForBuyer:
        query = gql("""
            query OrderForBuyer($token: UUID!) {
              orderByToken(token: $token) {
                ...BuyerOrder
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment BuyerOrder on Order {
              id
              token
              number
              created
              status
              statusDisplay
              paymentStatus
              paymentStatusDisplay
              isPaid
              userEmail
              shippingMethodName
              discountName
              discount {
                ...MoneyFields
              }
              shippingAddress {
                ...AddressFields
              }
              lines {
                productName
                productSku
                quantity
                quantityFulfilled
                unitPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
              }
              subtotal {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              total {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              metadata {
                key
                value
              }
              fulfillments {
                status
                trackingNumber
                created
                metadata {
                  key
                  value
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query, operation_name="OrderForBuyer", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderForBuyer.model_validate(data)

    def shop_countries(self, **kwargs: Any) -> ShopCountries:
        query = gql("""
            query ShopCountries {
              shop {
                countries {
                  code
                  country
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="ShopCountries", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ShopCountries.model_validate(data)

    def order_for_lookup(self, id: str, **kwargs: Any) -> OrderForLookup:
        query = gql("""
            query OrderForLookup($id: ID!) {
              order(id: $id) {
                token
                userEmail
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="OrderForLookup", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderForLookup.model_validate(data)

    def orders_placed(
        self,
        first: int,
        created: DateRangeInput,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> OrdersPlaced:
        query = gql("""
            query OrdersPlaced($first: Int!, $after: String, $created: DateRangeInput!) {
              orders(
                first: $first
                after: $after
                filter: {created: $created}
                sortBy: {field: NUMBER, direction: ASC}
              ) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    id
                    number
                    created
                    userEmail
                    paymentStatusDisplay
                    total {
                      gross {
                        ...MoneyFields
                      }
                    }
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "created": created,
        }
        response = self.execute(
            query=query, operation_name="OrdersPlaced", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrdersPlaced.model_validate(data)

    def buyer_data_orders(
        self,
        search: str,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> BuyerDataOrders:
        query = gql("""
            query BuyerDataOrders($search: String!, $first: Int!, $after: String) {
              orders(
                first: $first
                after: $after
                filter: {search: $search}
                sortBy: {field: NUMBER, direction: ASC}
              ) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    token
                    number
                    created
                    status
                    paymentStatus
                    userEmail
                    customerNote
                    shippingMethodName
                    shippingAddress {
                      ...AddressFields
                    }
                    billingAddress {
                      ...AddressFields
                    }
                    lines {
                      productName
                      productSku
                      quantity
                      unitPrice {
                        gross {
                          ...MoneyFields
                        }
                      }
                    }
                    total {
                      gross {
                        ...MoneyFields
                      }
                    }
                  }
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "search": search,
            "first": first,
            "after": after,
        }
        response = self.execute(
            query=query, operation_name="BuyerDataOrders", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return BuyerDataOrders.model_validate(data)

    def checkout_payment_create(
        self, checkout_id: str, gateway: str, token: str, **kwargs: Any
    ) -> CheckoutPaymentCreate:
        query = gql("""
            mutation CheckoutPaymentCreate($checkoutId: ID!, $gateway: String!, $token: String!) {
              checkoutPaymentCreate(
                checkoutId: $checkoutId
                input: {gateway: $gateway, token: $token}
              ) {
                payment {
                  id
                }
                paymentErrors {
                  ...PaymentErrorFields
                }
              }
            }

            fragment PaymentErrorFields on PaymentError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {
            "checkoutId": checkout_id,
            "gateway": gateway,
            "token": token,
        }
        response = self.execute(
            query=query,
            operation_name="CheckoutPaymentCreate",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutPaymentCreate.model_validate(data)

    def checkout_complete(self, checkout_id: str, **kwargs: Any) -> CheckoutComplete:
        query = gql("""
            mutation CheckoutComplete($checkoutId: ID!) {
              checkoutComplete(checkoutId: $checkoutId) {
                order {
                  ...BuyerOrder
                }
                confirmationNeeded
                checkoutErrors {
                  ...CheckoutErrorFields
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment BuyerOrder on Order {
              id
              token
              number
              created
              status
              statusDisplay
              paymentStatus
              paymentStatusDisplay
              isPaid
              userEmail
              shippingMethodName
              discountName
              discount {
                ...MoneyFields
              }
              shippingAddress {
                ...AddressFields
              }
              lines {
                productName
                productSku
                quantity
                quantityFulfilled
                unitPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
              }
              subtotal {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              total {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              metadata {
                key
                value
              }
              fulfillments {
                status
                trackingNumber
                created
                metadata {
                  key
                  value
                }
              }
            }

            fragment CheckoutErrorFields on CheckoutError {
              field
              code
              message
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"checkoutId": checkout_id}
        response = self.execute(
            query=query,
            operation_name="CheckoutComplete",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return CheckoutComplete.model_validate(data)

    def payment_for_completion(self, id: str, **kwargs: Any) -> PaymentForCompletion:
        query = gql("""
            query PaymentForCompletion($id: ID!) {
              payment(id: $id) {
                id
                isActive
                chargeStatus
                total {
                  ...MoneyFields
                }
                order {
                  id
                  token
                  total {
                    gross {
                      ...MoneyFields
                    }
                    tax {
                      ...MoneyFields
                    }
                  }
                  metadata {
                    key
                    value
                  }
                  shippingAddress {
                    country {
                      code
                    }
                  }
                }
                transactions {
                  kind
                  isSuccess
                  token
                  gatewayResponse
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="PaymentForCompletion",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return PaymentForCompletion.model_validate(data)

    def order_capture(self, order_id: str, amount: Any, **kwargs: Any) -> OrderCapture:
        query = gql("""
            mutation OrderCapture($orderId: ID!, $amount: Decimal!) {
              orderCapture(id: $orderId, amount: $amount) {
                order {
                  id
                  paymentStatus
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"orderId": order_id, "amount": amount}
        response = self.execute(
            query=query, operation_name="OrderCapture", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderCapture.model_validate(data)

    def payment_void(self, payment_id: str, **kwargs: Any) -> PaymentVoid:
        query = gql("""
            mutation PaymentVoid($paymentId: ID!) {
              paymentVoid(paymentId: $paymentId) {
                payment {
                  id
                  chargeStatus
                }
                paymentErrors {
                  ...PaymentErrorFields
                }
              }
            }

            fragment PaymentErrorFields on PaymentError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"paymentId": payment_id}
        response = self.execute(
            query=query, operation_name="PaymentVoid", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PaymentVoid.model_validate(data)

    def payment_amounts(self, id: str, **kwargs: Any) -> PaymentAmounts:
        query = gql("""
            query PaymentAmounts($id: ID!) {
              payment(id: $id) {
                id
                total {
                  ...MoneyFields
                }
                capturedAmount {
                  ...MoneyFields
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="PaymentAmounts", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return PaymentAmounts.model_validate(data)

    def order_refund(self, order_id: str, amount: Any, **kwargs: Any) -> OrderRefund:
        query = gql("""
            mutation OrderRefund($orderId: ID!, $amount: Decimal!) {
              orderRefund(id: $orderId, amount: $amount) {
                order {
                  id
                  paymentStatus
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"orderId": order_id, "amount": amount}
        response = self.execute(
            query=query, operation_name="OrderRefund", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderRefund.model_validate(data)

    def order_for_review(self, token: Any, **kwargs: Any) -> OrderForReview:
        query = gql("""
            query OrderForReview($token: UUID!) {
              orderByToken(token: $token) {
                token
                number
                status
                userEmail
                shippingAddress {
                  firstName
                  lastName
                }
                billingAddress {
                  firstName
                  lastName
                }
                lines {
                  productName
                  variant {
                    product {
                      slug
                      name
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query, operation_name="OrderForReview", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return OrderForReview.model_validate(data)

    def shipping_zones(self, **kwargs: Any) -> ShippingZones:
        query = gql("""
            query ShippingZones {
              shippingZones(first: 100) {
                edges {
                  node {
                    name
                    default
                    countries {
                      code
                      country
                    }
                    shippingMethods {
                      name
                      price {
                        ...MoneyFields
                      }
                    }
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="ShippingZones", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return ShippingZones.model_validate(data)

    def staff_sign_in(self, email: str, password: str, **kwargs: Any) -> StaffSignIn:
        query = gql("""
            mutation StaffSignIn($email: String!, $password: String!) {
              tokenCreate(email: $email, password: $password) {
                token
                accountErrors {
                  field
                  code
                  message
                }
                user {
                  email
                  firstName
                  lastName
                  isStaff
                  userPermissions {
                    code
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"email": email, "password": password}
        response = self.execute(
            query=query, operation_name="StaffSignIn", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffSignIn.model_validate(data)

    def staff_token_refresh(self, token: str, **kwargs: Any) -> StaffTokenRefresh:
        query = gql("""
            mutation StaffTokenRefresh($token: String!) {
              tokenRefresh(token: $token) {
                token
              }
            }
            """)
        variables: dict[str, object] = {"token": token}
        response = self.execute(
            query=query,
            operation_name="StaffTokenRefresh",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffTokenRefresh.model_validate(data)

    def staff_orders(
        self,
        first: Union[Optional[int], UnsetType] = UNSET,
        after: Union[Optional[str], UnsetType] = UNSET,
        last: Union[Optional[int], UnsetType] = UNSET,
        before: Union[Optional[str], UnsetType] = UNSET,
        filter_: Union[Optional[OrderFilterInput], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> StaffOrders:
        query = gql("""
            query StaffOrders($first: Int, $after: String, $last: Int, $before: String, $filter: OrderFilterInput) {
              orders(
                first: $first
                after: $after
                last: $last
                before: $before
                filter: $filter
                sortBy: {field: NUMBER, direction: DESC}
              ) {
                totalCount
                pageInfo {
                  hasNextPage
                  hasPreviousPage
                  startCursor
                  endCursor
                }
                edges {
                  node {
                    ...StaffOrderRow
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment StaffOrderRow on Order {
              id
              number
              created
              userEmail
              status
              statusDisplay
              paymentStatus
              total {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              shippingAddress {
                firstName
                lastName
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "last": last,
            "before": before,
            "filter": filter_,
        }
        response = self.execute(
            query=query, operation_name="StaffOrders", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffOrders.model_validate(data)

    def staff_order(
        self,
        id: str,
        show_users: bool,
        show_stock: bool,
        with_events: bool,
        **kwargs: Any,
    ) -> StaffOrder:
        query = gql("""
            query StaffOrder($id: ID!, $showUsers: Boolean!, $showStock: Boolean!, $withEvents: Boolean!) {
              order(id: $id) {
                ...StaffOrderDetail
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment StaffOrderDetail on Order {
              ...StaffOrderRow
              token
              customerNote
              shippingMethodName
              shippingAddress {
                ...AddressFields
              }
              billingAddress {
                ...AddressFields
              }
              subtotal {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              discount {
                ...MoneyFields
              }
              totalCaptured {
                ...MoneyFields
              }
              lines {
                id
                productName
                productSku
                quantity
                quantityFulfilled
                unitPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  stocks @include(if: $showStock) {
                    warehouse {
                      id
                    }
                    quantity
                  }
                }
              }
              payments {
                id
                gateway
                isActive
                chargeStatus
                capturedAmount {
                  ...MoneyFields
                }
                total {
                  ...MoneyFields
                }
                transactions {
                  kind
                  isSuccess
                  token
                  amount {
                    ...MoneyFields
                  }
                }
              }
              metadata {
                key
                value
              }
              fulfillments {
                id
                status
                trackingNumber
                created
                metadata {
                  key
                  value
                }
              }
              events @include(if: $withEvents) {
                id
                date
                type
                message
                amount
                email
                quantity
                user @include(if: $showUsers) {
                  email
                  firstName
                  lastName
                }
              }
            }

            fragment StaffOrderRow on Order {
              id
              number
              created
              userEmail
              status
              statusDisplay
              paymentStatus
              total {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              shippingAddress {
                firstName
                lastName
              }
            }
            """)
        variables: dict[str, object] = {
            "id": id,
            "showUsers": show_users,
            "showStock": show_stock,
            "withEvents": with_events,
        }
        response = self.execute(
            query=query, operation_name="StaffOrder", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffOrder.model_validate(data)

    def staff_fulfil(
        self, order: str, lines: list[OrderFulfillLineInput], **kwargs: Any
    ) -> StaffFulfil:
        query = gql("""
            mutation StaffFulfil($order: ID!, $lines: [OrderFulfillLineInput!]!) {
              orderFulfill(order: $order, input: {lines: $lines, notifyCustomer: false}) {
                fulfillments {
                  id
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"order": order, "lines": lines}
        response = self.execute(
            query=query, operation_name="StaffFulfil", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffFulfil.model_validate(data)

    def staff_update_tracking(
        self, id: str, tracking_number: str, **kwargs: Any
    ) -> StaffUpdateTracking:
        query = gql("""
            mutation StaffUpdateTracking($id: ID!, $trackingNumber: String!) {
              orderFulfillmentUpdateTracking(
                id: $id
                input: {trackingNumber: $trackingNumber, notifyCustomer: false}
              ) {
                fulfillment {
                  id
                  trackingNumber
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"id": id, "trackingNumber": tracking_number}
        response = self.execute(
            query=query,
            operation_name="StaffUpdateTracking",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffUpdateTracking.model_validate(data)

    def staff_set_shipment_metadata(
        self, id: str, input: list[MetadataInput], **kwargs: Any
    ) -> StaffSetShipmentMetadata:
        query = gql("""
            mutation StaffSetShipmentMetadata($id: ID!, $input: [MetadataInput!]!) {
              updateMetadata(id: $id, input: $input) {
                metadataErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id, "input": input}
        response = self.execute(
            query=query,
            operation_name="StaffSetShipmentMetadata",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffSetShipmentMetadata.model_validate(data)

    def staff_cancel(self, id: str, **kwargs: Any) -> StaffCancel:
        query = gql("""
            mutation StaffCancel($id: ID!) {
              orderCancel(id: $id) {
                order {
                  id
                  status
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="StaffCancel", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffCancel.model_validate(data)

    def staff_add_note(self, order: str, message: str, **kwargs: Any) -> StaffAddNote:
        query = gql("""
            mutation StaffAddNote($order: ID!, $message: String!) {
              orderAddNote(order: $order, input: {message: $message}) {
                event {
                  id
                }
                orderErrors {
                  ...OrderErrorFields
                }
              }
            }

            fragment OrderErrorFields on OrderError {
              field
              code
              message
            }
            """)
        variables: dict[str, object] = {"order": order, "message": message}
        response = self.execute(
            query=query, operation_name="StaffAddNote", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffAddNote.model_validate(data)

    def staff_orders_export(
        self,
        first: int,
        created: DateRangeInput,
        show_users: bool,
        show_stock: bool,
        with_events: bool,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> StaffOrdersExport:
        query = gql("""
            query StaffOrdersExport($first: Int!, $after: String, $created: DateRangeInput!, $showUsers: Boolean!, $showStock: Boolean!, $withEvents: Boolean!) {
              orders(
                first: $first
                after: $after
                filter: {created: $created}
                sortBy: {field: NUMBER, direction: ASC}
              ) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...StaffOrderDetail
                  }
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment StaffOrderDetail on Order {
              ...StaffOrderRow
              token
              customerNote
              shippingMethodName
              shippingAddress {
                ...AddressFields
              }
              billingAddress {
                ...AddressFields
              }
              subtotal {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              discount {
                ...MoneyFields
              }
              totalCaptured {
                ...MoneyFields
              }
              lines {
                id
                productName
                productSku
                quantity
                quantityFulfilled
                unitPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  stocks @include(if: $showStock) {
                    warehouse {
                      id
                    }
                    quantity
                  }
                }
              }
              payments {
                id
                gateway
                isActive
                chargeStatus
                capturedAmount {
                  ...MoneyFields
                }
                total {
                  ...MoneyFields
                }
                transactions {
                  kind
                  isSuccess
                  token
                  amount {
                    ...MoneyFields
                  }
                }
              }
              metadata {
                key
                value
              }
              fulfillments {
                id
                status
                trackingNumber
                created
                metadata {
                  key
                  value
                }
              }
              events @include(if: $withEvents) {
                id
                date
                type
                message
                amount
                email
                quantity
                user @include(if: $showUsers) {
                  email
                  firstName
                  lastName
                }
              }
            }

            fragment StaffOrderRow on Order {
              id
              number
              created
              userEmail
              status
              statusDisplay
              paymentStatus
              total {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              shippingAddress {
                firstName
                lastName
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "created": created,
            "showUsers": show_users,
            "showStock": show_stock,
            "withEvents": with_events,
        }
        response = self.execute(
            query=query,
            operation_name="StaffOrdersExport",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffOrdersExport.model_validate(data)

    def staff_product_stock(self, slug: str, **kwargs: Any) -> StaffProductStock:
        query = gql("""
            query StaffProductStock($slug: String!) {
              product(slug: $slug) {
                id
                name
                basePrice {
                  ...MoneyFields
                }
                variants {
                  id
                  sku
                  stocks {
                    warehouse {
                      id
                      name
                    }
                    quantity
                    quantityAllocated
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {"slug": slug}
        response = self.execute(
            query=query,
            operation_name="StaffProductStock",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffProductStock.model_validate(data)

    def staff_set_stock(
        self, variant_id: str, warehouse_id: str, quantity: int, **kwargs: Any
    ) -> StaffSetStock:
        query = gql("""
            mutation StaffSetStock($variantId: ID!, $warehouseId: ID!, $quantity: Int!) {
              productVariantStocksUpdate(
                variantId: $variantId
                stocks: [{warehouse: $warehouseId, quantity: $quantity}]
              ) {
                bulkStockErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "variantId": variant_id,
            "warehouseId": warehouse_id,
            "quantity": quantity,
        }
        response = self.execute(
            query=query, operation_name="StaffSetStock", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffSetStock.model_validate(data)

    def staff_set_price(
        self, product_id: str, price: Any, **kwargs: Any
    ) -> StaffSetPrice:
        query = gql("""
            mutation StaffSetPrice($productId: ID!, $price: Decimal!) {
              productUpdate(id: $productId, input: {basePrice: $price}) {
                productErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"productId": product_id, "price": price}
        response = self.execute(
            query=query, operation_name="StaffSetPrice", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffSetPrice.model_validate(data)

    def staff_dashboard(
        self, oldest: int, show_stock: bool, **kwargs: Any
    ) -> StaffDashboard:
        query = gql("""
            query StaffDashboard($oldest: Int!, $showStock: Boolean!) {
              toShip: orders(
                first: $oldest
                filter: {status: [READY_TO_FULFILL]}
                sortBy: {field: NUMBER, direction: ASC}
              ) {
                totalCount
                edges {
                  node {
                    id
                    number
                    created
                    userEmail
                  }
                }
              }
              products(first: 100) @include(if: $showStock) {
                edges {
                  node {
                    name
                    slug
                    variants {
                      sku
                      name
                      stocks {
                        quantity
                        quantityAllocated
                      }
                    }
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {"oldest": oldest, "showStock": show_stock}
        response = self.execute(
            query=query, operation_name="StaffDashboard", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffDashboard.model_validate(data)

    def staff_sales(
        self,
        first: int,
        created: DateRangeInput,
        paid: list[PaymentChargeStatusEnum],
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> StaffSales:
        query = gql("""
            query StaffSales($first: Int!, $after: String, $created: DateRangeInput!, $paid: [PaymentChargeStatusEnum]!) {
              orders(
                first: $first
                after: $after
                filter: {created: $created, paymentStatus: $paid}
                sortBy: {field: NUMBER, direction: ASC}
              ) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    created
                    totalCaptured {
                      ...MoneyFields
                    }
                  }
                }
              }
            }

            fragment MoneyFields on Money {
              amount
              currency
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "created": created,
            "paid": paid,
        }
        response = self.execute(
            query=query, operation_name="StaffSales", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffSales.model_validate(data)

    def staff_customer_orders(
        self,
        search: str,
        first: int,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> StaffCustomerOrders:
        query = gql("""
            query StaffCustomerOrders($search: String!, $first: Int!, $after: String) {
              orders(
                first: $first
                after: $after
                filter: {search: $search}
                sortBy: {field: NUMBER, direction: DESC}
              ) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...StaffOrderRow
                    totalCaptured {
                      ...MoneyFields
                    }
                    shippingAddress {
                      ...AddressFields
                    }
                    billingAddress {
                      ...AddressFields
                    }
                  }
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment StaffOrderRow on Order {
              id
              number
              created
              userEmail
              status
              statusDisplay
              paymentStatus
              total {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              shippingAddress {
                firstName
                lastName
              }
            }
            """)
        variables: dict[str, object] = {
            "search": search,
            "first": first,
            "after": after,
        }
        response = self.execute(
            query=query,
            operation_name="StaffCustomerOrders",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffCustomerOrders.model_validate(data)

    def staff_members(self, **kwargs: Any) -> StaffMembers:
        query = gql("""
            query StaffMembers {
              staffUsers(first: 100, sortBy: {field: EMAIL, direction: ASC}) {
                edges {
                  node {
                    id
                    email
                    firstName
                    lastName
                    isActive
                    lastLogin
                    permissionGroups {
                      name
                    }
                  }
                }
              }
              me {
                email
                editableGroups {
                  id
                  name
                  permissions {
                    code
                    name
                  }
                }
              }
            }
            """)
        variables: dict[str, object] = {}
        response = self.execute(
            query=query, operation_name="StaffMembers", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffMembers.model_validate(data)

    def staff_invite(self, input: StaffCreateInput, **kwargs: Any) -> StaffInvite:
        query = gql("""
            mutation StaffInvite($input: StaffCreateInput!) {
              staffCreate(input: $input) {
                user {
                  id
                  email
                }
                staffErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"input": input}
        response = self.execute(
            query=query, operation_name="StaffInvite", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffInvite.model_validate(data)

    def staff_deactivate(self, id: str, **kwargs: Any) -> StaffDeactivate:
        query = gql("""
            mutation StaffDeactivate($id: ID!) {
              staffUpdate(id: $id, input: {isActive: false}) {
                user {
                  id
                  email
                  isActive
                }
                staffErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query, operation_name="StaffDeactivate", variables=variables, **kwargs
        )
        data = self.get_data(response)
        return StaffDeactivate.model_validate(data)

    def staff_set_password(
        self, email: str, token: str, password: str, **kwargs: Any
    ) -> StaffSetPassword:
        query = gql("""
            mutation StaffSetPassword($email: String!, $token: String!, $password: String!) {
              setPassword(email: $email, token: $token, password: $password) {
                token
                accountErrors {
                  field
                  code
                  message
                }
              }
            }
            """)
        variables: dict[str, object] = {
            "email": email,
            "token": token,
            "password": password,
        }
        response = self.execute(
            query=query,
            operation_name="StaffSetPassword",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffSetPassword.model_validate(data)

    def staff_variant_stock(self, id: str, **kwargs: Any) -> StaffVariantStock:
        query = gql("""
            query StaffVariantStock($id: ID!) {
              productVariant(id: $id) {
                id
                stocks {
                  warehouse {
                    id
                  }
                  quantity
                }
              }
            }
            """)
        variables: dict[str, object] = {"id": id}
        response = self.execute(
            query=query,
            operation_name="StaffVariantStock",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffVariantStock.model_validate(data)

    def staff_orders_newest(
        self,
        first: int,
        show_users: bool,
        show_stock: bool,
        with_events: bool,
        after: Union[Optional[str], UnsetType] = UNSET,
        **kwargs: Any,
    ) -> StaffOrdersNewest:
        query = gql("""
            query StaffOrdersNewest($first: Int!, $after: String, $showUsers: Boolean!, $showStock: Boolean!, $withEvents: Boolean!) {
              orders(first: $first, after: $after, sortBy: {field: NUMBER, direction: DESC}) {
                pageInfo {
                  hasNextPage
                  endCursor
                }
                edges {
                  node {
                    ...StaffOrderDetail
                  }
                }
              }
            }

            fragment AddressFields on Address {
              firstName
              lastName
              companyName
              streetAddress1
              streetAddress2
              city
              cityArea
              postalCode
              country {
                code
                country
              }
              countryArea
              phone
            }

            fragment MoneyFields on Money {
              amount
              currency
            }

            fragment StaffOrderDetail on Order {
              ...StaffOrderRow
              token
              customerNote
              shippingMethodName
              shippingAddress {
                ...AddressFields
              }
              billingAddress {
                ...AddressFields
              }
              subtotal {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              shippingPrice {
                gross {
                  ...MoneyFields
                }
                net {
                  ...MoneyFields
                }
              }
              discount {
                ...MoneyFields
              }
              totalCaptured {
                ...MoneyFields
              }
              lines {
                id
                productName
                productSku
                quantity
                quantityFulfilled
                unitPrice {
                  gross {
                    ...MoneyFields
                  }
                  net {
                    ...MoneyFields
                  }
                }
                variant {
                  id
                  stocks @include(if: $showStock) {
                    warehouse {
                      id
                    }
                    quantity
                  }
                }
              }
              payments {
                id
                gateway
                isActive
                chargeStatus
                capturedAmount {
                  ...MoneyFields
                }
                total {
                  ...MoneyFields
                }
                transactions {
                  kind
                  isSuccess
                  token
                  amount {
                    ...MoneyFields
                  }
                }
              }
              metadata {
                key
                value
              }
              fulfillments {
                id
                status
                trackingNumber
                created
                metadata {
                  key
                  value
                }
              }
              events @include(if: $withEvents) {
                id
                date
                type
                message
                amount
                email
                quantity
                user @include(if: $showUsers) {
                  email
                  firstName
                  lastName
                }
              }
            }

            fragment StaffOrderRow on Order {
              id
              number
              created
              userEmail
              status
              statusDisplay
              paymentStatus
              total {
                gross {
                  ...MoneyFields
                }
                tax {
                  ...MoneyFields
                }
              }
              shippingAddress {
                firstName
                lastName
              }
            }
            """)
        variables: dict[str, object] = {
            "first": first,
            "after": after,
            "showUsers": show_users,
            "showStock": show_stock,
            "withEvents": with_events,
        }
        response = self.execute(
            query=query,
            operation_name="StaffOrdersNewest",
            variables=variables,
            **kwargs,
        )
        data = self.get_data(response)
        return StaffOrdersNewest.model_validate(data)
