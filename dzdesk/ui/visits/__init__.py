"""上门服务: visits, the customer's signature and the visit report."""
